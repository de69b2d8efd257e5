namespace StructuredStream.Protocol;

/// <summary><c>status</c>: the stream entered a phase (see <see cref="StreamPhases"/>).</summary>
/// <param name="Phase">The phase, such as <c>generating</c>.</param>
public sealed record StatusEvent(string Phase) : StreamEvent
{
    /// <inheritdoc />
    public override string Type => "status";

    /// <summary>More about the phase, for people (a tool's name, why it is retrying).</summary>
    public string? Detail { get; init; }

    /// <summary>The position in the queue, for <c>queued</c>.</summary>
    public int? Position { get; init; }

    /// <summary>The tool's name, for <c>tool</c> and <c>retrieval</c>.</summary>
    public string? Name { get; init; }

    /// <summary>How long the phase took, in milliseconds, when it reports its end.</summary>
    public long? DurationMs { get; init; }
}
