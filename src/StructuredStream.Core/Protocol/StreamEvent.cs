namespace StructuredStream.Protocol;

/// <summary>One event of a stream. Its <c>seq</c> is not part of it: the stream log numbers events as it appends them.</summary>
public abstract record StreamEvent
{
    /// <summary>The wire <c>type</c>, such as <c>patch</c>.</summary>
    public abstract string Type { get; }
}
