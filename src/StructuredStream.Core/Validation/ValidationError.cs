namespace StructuredStream.Validation;

/// <summary>One way the final object fails its schema.</summary>
/// <param name="Path">JSON Pointer to the failing value.</param>
/// <param name="Keyword">The schema keyword, such as <c>required</c>.</param>
/// <param name="Message">What is wrong, for people.</param>
public sealed record ValidationError(string Path, string Keyword, string Message);
