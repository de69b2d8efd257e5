namespace StructuredStream.Protocol;

/// <summary><c>complete</c>: JSON Pointers whose values are final; nothing at or below them changes again.</summary>
public sealed record CompleteEvent(IReadOnlyList<string> Paths) : StreamEvent
{
    /// <inheritdoc />
    public override string Type => "complete";
}
