namespace StructuredStream.Redis;

/// <summary>The answer to asking for a model-call slot.</summary>
public enum SlotGrant
{
    /// <summary>The slot is the caller's until released (or until its lease runs out).</summary>
    Taken,

    /// <summary>The client already holds as many slots as it may.</summary>
    ClientFull,

    /// <summary>The deployment already runs as many model calls as it may.</summary>
    AllFull,
}
