namespace StructuredStream.Patching;

/// <summary>How string growth is sent.</summary>
public enum PatchMode : byte
{
    /// <summary>The default: <c>append</c> ops carry only the new characters.</summary>
    Append,
    /// <summary>RFC 6902 only: each growth is a <c>replace</c> with the whole string so far (more bytes on the wire).</summary>
    Strict,
}
