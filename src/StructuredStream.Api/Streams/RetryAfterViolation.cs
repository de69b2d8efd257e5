namespace StructuredStream.Api.Streams;

/// <summary>Where the model goes on from after its answer broke the schema (<c>onViolation</c> <c>retry</c>).</summary>
/// <param name="Text">The valid part of the answer as text, its unfinished values left open: the model's prefill.</param>
/// <param name="Guidance">What broke, told to the model as a user message before the prefill.</param>
public sealed record RetryAfterViolation(string Text, string Guidance);
