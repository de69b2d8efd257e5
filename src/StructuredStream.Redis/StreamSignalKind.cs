namespace StructuredStream.Redis;

/// <summary>The kinds of <see cref="StreamSignal"/>.</summary>
public enum StreamSignalKind
{
    /// <summary>Stop the stream's model call (a DELETE landed on another instance).</summary>
    Cancel,

    /// <summary>A reader on another instance is reading the stream: do not count it as abandoned.</summary>
    ReaderPresent,
}
