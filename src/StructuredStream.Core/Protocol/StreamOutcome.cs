namespace StructuredStream.Protocol;

/// <summary>How a stream ended.</summary>
public enum StreamOutcome : byte
{
    /// <summary><c>completed</c>: the whole value arrived (perhaps with repairs).</summary>
    Completed,
    /// <summary><c>cancelled</c>: stopped on request; the object is what was produced until then.</summary>
    Cancelled,
    /// <summary><c>failed</c>: an error ended it; the object is what was valid until then.</summary>
    Failed,
    /// <summary><c>timed_out</c>: a time limit ended it.</summary>
    TimedOut,
    /// <summary><c>invalid</c>: the value does not satisfy the schema.</summary>
    Invalid,
}
