namespace StructuredStream.Validation;

/// <summary>What a stream does when the partial object can no longer become valid.</summary>
public enum ViolationPolicy : byte
{
    /// <summary>End the stream: an <c>error</c> event (<c>schema_violation</c>), then <c>final</c> with outcome
    /// <c>invalid</c>. The violating value is not sent; the model call is cancelled.</summary>
    Abort,

    /// <summary>Report each violation in an <c>error</c> event and keep streaming; <c>final</c> says <c>invalid</c>.</summary>
    Continue,
}
