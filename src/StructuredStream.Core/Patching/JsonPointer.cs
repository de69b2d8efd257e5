using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using StructuredStream.Documents;

namespace StructuredStream.Patching;

/// <summary>JSON Pointer (RFC 6901) building and parsing.</summary>
public static class JsonPointer
{
    /// <summary>Returns <paramref name="parent"/> extended by a member name, escaped as the spec requires.</summary>
    public static string Append(string parent, string name)
    {
        // Spec: RFC 6901 section 3, '~' is written '~0' and '/' is written '~1'.
        var escaped = name.AsSpan().IndexOfAny('~', '/') < 0 ? name : name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
        return string.Concat(parent, "/", escaped);
    }

    /// <summary>Returns <paramref name="parent"/> extended by an array index.</summary>
    public static string Append(string parent, int index) => string.Concat(parent, "/", index.ToString(CultureInfo.InvariantCulture));

    /// <summary>Splits a pointer into unescaped reference tokens; <c>""</c> is the whole document.</summary>
    /// <exception cref="PatchException">The text is not a JSON Pointer.</exception>
    public static string[] Parse(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            throw new PatchException($"'{pointer}' is not a JSON Pointer: it must be empty or start with '/'.");
        }

        var tokens = pointer[1..].Split('/');
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (!token.Contains('~', StringComparison.Ordinal))
            {
                continue;
            }

            for (var t = 0; t < token.Length; t++)
            {
                if (token[t] == '~' && (t + 1 == token.Length || token[t + 1] is not ('0' or '1')))
                {
                    throw new PatchException($"'{pointer}' is not a JSON Pointer: '~' must be followed by '0' or '1'.");
                }
            }

            // Spec: RFC 6901 section 4, "first transforming any occurrence of '~1' to '/', and then '~0' to '~'".
            tokens[i] = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        }

        return tokens;
    }

    /// <summary>Finds the value a pointer's tokens lead to in <paramref name="document"/>, if there is one.</summary>
    public static bool TryResolve(DocumentNode document, ReadOnlySpan<string> tokens, [NotNullWhen(true)] out DocumentNode? value)
    {
        ArgumentNullException.ThrowIfNull(document);
        value = document;
        foreach (var token in tokens)
        {
            value = value switch
            {
                ObjectNode obj when obj.TryGetValue(token, out var member) => member,
                ArrayNode array when TryParseIndex(token, out var index) && index < array.Count => array[index],
                _ => null,
            };
            if (value is null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads an array index token: decimal digits, no leading zero (RFC 6901 section 4).</summary>
    public static bool TryParseIndex(string token, out int index)
    {
        index = 0;
        if (token.Length == 0 || token.Length > 9 || (token.Length > 1 && token[0] == '0'))
        {
            return false;
        }

        foreach (var c in token)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        index = int.Parse(token, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }
}
