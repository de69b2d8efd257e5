namespace StructuredStream.Schemas;

/// <summary>How a value reaches clients while it is being written: the <c>x-stream</c> keyword.</summary>
public enum StreamingMode : byte
{
    /// <summary>Strings grow as they are written; containers are added empty and then filled.</summary>
    Incremental,

    /// <summary>The value is sent once, whole, when it is complete (<c>"x-stream": "atomic"</c>).</summary>
    Atomic,
}
