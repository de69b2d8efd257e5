using System.Text.Json;
using StructuredStream.Patching;

namespace StructuredStream.Schemas;

/// <summary>
/// Finds the targets of <c>$ref</c> among the schema resources we hold: the schema's own document, its embedded
/// <c>$id</c> resources and anchors, and any <see cref="SchemaLoadOptions.KnownDocuments"/>. Nothing is ever fetched:
/// a reference anywhere else is refused.
/// </summary>
internal sealed class SchemaResources
{
    private readonly Dictionary<string, SchemaLocation> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SchemaLocation> _anchors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Uri> _baseUris = new(StringComparer.Ordinal);

    /// <summary>Indexes a document; <paramref name="retrievalUri"/> is where it was found, its default base URI.</summary>
    public SchemaLocation Add(JsonElement root, Uri retrievalUri)
    {
        var document = WithoutFragment(retrievalUri);
        var location = new SchemaLocation(root, document, "", new Uri(document));
        _resources.TryAdd(document, location);
        Index(location);
        return _resources[document] with { BaseUri = BaseOf(location) };
    }

    /// <summary>The base URI in effect inside a subschema: its own <c>$id</c> when it has one.</summary>
    public Uri BaseOf(SchemaLocation location) =>
        _baseUris.TryGetValue(location.Key, out var baseUri) ? baseUri : location.BaseUri;

    /// <summary>Finds what <paramref name="reference"/>, written in a subschema with base <paramref name="baseUri"/>, points to.</summary>
    /// <param name="baseUri">The base URI in effect where the reference is written.</param>
    /// <param name="reference">The reference as written.</param>
    /// <param name="target">The subschema it points to.</param>
    /// <param name="why">When false: why the reference cannot be followed.</param>
    public bool TryResolve(Uri baseUri, string reference, out SchemaLocation target, out string why)
    {
        target = default;
        if (!Uri.TryCreate(baseUri, reference, out var absolute))
        {
            why = $"'{reference}' is not a URI reference.";
            return false;
        }

        var document = WithoutFragment(absolute);
        var fragment = Uri.UnescapeDataString(absolute.Fragment.TrimStart('#'));
        if (fragment.Length > 0 && fragment[0] != '/')
        {
            if (_anchors.TryGetValue(string.Concat(document, "#", fragment), out target))
            {
                why = "";
                return true;
            }

            why = $"'{reference}' names no anchor of the schema.";
            return false;
        }

        if (!_resources.TryGetValue(document, out var resource))
        {
            why = $"'{reference}' points outside the schema ({document}); remote references are never fetched. " +
                "Put the referenced schema under $defs and refer to it as '#/$defs/...'.";
            return false;
        }

        if (!TryFollowPointer(resource, fragment, out target))
        {
            why = $"'{reference}' points to nothing in the schema.";
            return false;
        }

        target = target with { BaseUri = BaseOf(target) };
        why = "";
        return true;
    }

    private static bool TryFollowPointer(SchemaLocation resource, string pointer, out SchemaLocation target)
    {
        target = resource;
        string[] tokens;
        try
        {
            tokens = JsonPointer.Parse(pointer);
        }
        catch (PatchException)
        {
            return false;
        }

        var element = resource.Element;
        var path = resource.Pointer;
        foreach (var token in tokens)
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(token, out var member))
            {
                element = member;
                path = JsonPointer.Append(path, token);
            }
            else if (element.ValueKind == JsonValueKind.Array && JsonPointer.TryParseIndex(token, out var index) && index < element.GetArrayLength())
            {
                element = element[index];
                path = JsonPointer.Append(path, index);
            }
            else
            {
                return false;
            }
        }

        target = new SchemaLocation(element, resource.Document, path, resource.BaseUri);
        return true;
    }

    /// <summary>Walks the subschemas below <paramref name="location"/>, recording <c>$id</c> resources and anchors.</summary>
    private void Index(SchemaLocation location)
    {
        var element = location.Element;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var baseUri = location.BaseUri;
        if (element.TryGetProperty("$id", out var id) && id.ValueKind == JsonValueKind.String &&
            Uri.TryCreate(baseUri, id.GetString(), out var resolved))
        {
            baseUri = new Uri(WithoutFragment(resolved));
            _resources.TryAdd(baseUri.AbsoluteUri, location with { BaseUri = baseUri });
        }

        _baseUris[location.Key] = baseUri;
        var here = location with { BaseUri = baseUri };
        foreach (var anchorKeyword in (ReadOnlySpan<string>)["$anchor", "$dynamicAnchor"])
        {
            if (element.TryGetProperty(anchorKeyword, out var anchor) && anchor.ValueKind == JsonValueKind.String)
            {
                _anchors.TryAdd(string.Concat(baseUri.AbsoluteUri, "#", anchor.GetString()), here);
            }
        }

        foreach (var member in element.EnumerateObject())
        {
            var path = JsonPointer.Append(location.Pointer, member.Name);
            if (SchemaKeywords.SingleSubschema.Contains(member.Name))
            {
                Index(new SchemaLocation(member.Value, location.Document, path, baseUri));
            }
            else if (SchemaKeywords.SubschemaArrays.Contains(member.Name) && member.Value.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in member.Value.EnumerateArray())
                {
                    Index(new SchemaLocation(item, location.Document, JsonPointer.Append(path, i++), baseUri));
                }
            }
            else if (SchemaKeywords.SubschemaMaps.Contains(member.Name) && member.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in member.Value.EnumerateObject())
                {
                    Index(new SchemaLocation(entry.Value, location.Document, JsonPointer.Append(path, entry.Name), baseUri));
                }
            }
        }
    }

    private static string WithoutFragment(Uri uri) =>
        uri.IsAbsoluteUri ? uri.GetLeftPart(UriPartial.Query) : uri.OriginalString.Split('#')[0];
}
