namespace StructuredStream.Protocol;

/// <summary><c>error</c>: a fault mid-stream. Patches sent before it stay valid; <c>final</c> follows.</summary>
/// <param name="Code">A stable code, such as <c>parse_error</c>.</param>
/// <param name="Message">What went wrong, for people.</param>
/// <param name="Retryable">Whether the same request may succeed if tried again.</param>
public sealed record ErrorEvent(string Code, string Message, bool Retryable) : StreamEvent
{
    /// <inheritdoc />
    public override string Type => "error";

    /// <summary>The JSON Pointer the error concerns, where there is one.</summary>
    public string? Path { get; init; }

    /// <summary>The schema keyword that was violated, where there is one.</summary>
    public string? Keyword { get; init; }

    /// <summary>The UTF-16 offset into the model's text, for parse errors.</summary>
    public long? Offset { get; init; }
}
