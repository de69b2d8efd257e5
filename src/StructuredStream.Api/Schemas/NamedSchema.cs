using StructuredStream.Schemas;

namespace StructuredStream.Api.Schemas;

/// <summary>A schema stored under a name.</summary>
/// <param name="Id">Its name, such as <c>signup-form</c>.</param>
/// <param name="Text">The schema as given.</param>
/// <param name="Schema">The compiled schema.</param>
public sealed record NamedSchema(string Id, string Text, CompiledSchema Schema);
