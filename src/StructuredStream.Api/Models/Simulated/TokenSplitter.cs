using Microsoft.ML.Tokenizers;

namespace StructuredStream.Api.Models.Simulated;

/// <summary>Cuts text where a real model's tokens end (OpenAI's o200k encoding), so chunks look like real streaming.</summary>
public sealed class TokenSplitter
{
    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForModel("gpt-4o"));

    /// <summary>The text cut into tokens; concatenated, they give the text back exactly.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = O200k.Value.EncodeToTokens(text, out _);
        var pieces = new List<string>(tokens.Count);
        var start = 0;
        foreach (var token in tokens)
        {
            var end = token.Offset.End.GetOffset(text.Length);
            // Byte-level tokens can end inside a character; cut only between whole characters.
            if (end <= start || (end < text.Length && char.IsLowSurrogate(text[end])))
            {
                continue;
            }

            pieces.Add(text[start..end]);
            start = end;
        }

        if (start < text.Length)
        {
            pieces.Add(text[start..]);
        }

        return pieces;
    }
}
