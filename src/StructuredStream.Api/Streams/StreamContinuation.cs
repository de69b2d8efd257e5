using StructuredStream.Documents;

namespace StructuredStream.Api.Streams;

/// <summary>What a continued stream goes on from: the old stream's object, which of its values are complete, and
/// the text the model is asked to continue (<see cref="StructuredStream.Streaming.PartialJsonText"/>).</summary>
/// <param name="From">The old stream's id.</param>
/// <param name="Object">The object it ended with.</param>
/// <param name="CompletedPaths">Its values marked complete.</param>
/// <param name="Text">Its object as text with the unfinished values left open (for chat: the plain text so far).</param>
public sealed record StreamContinuation(string From, DocumentNode Object, IReadOnlyList<string> CompletedPaths, string Text);
