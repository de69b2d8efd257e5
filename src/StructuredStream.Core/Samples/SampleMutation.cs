using StructuredStream.Documents;

namespace StructuredStream.Samples;

/// <summary>A document made invalid by one change.</summary>
/// <param name="Document">The changed document.</param>
/// <param name="Path">The JSON Pointer of the changed value (for an added or removed member, its object).</param>
/// <param name="Change">What was changed, for messages: <c>type</c>, <c>extra member</c> or <c>missing member</c>.</param>
public sealed record SampleMutation(DocumentNode Document, string Path, string Change);
