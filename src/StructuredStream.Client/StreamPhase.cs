namespace StructuredStream.Client;

/// <summary>What a stream is doing, as a user interface shows it.</summary>
public enum StreamPhase
{
    /// <summary>The request is on its way.</summary>
    Connecting,

    /// <summary>Waiting for a free slot; <see cref="StreamUpdate.Position"/> says where in the line.</summary>
    Queued,

    /// <summary>Started; the model has not written a value yet.</summary>
    Thinking,

    /// <summary>The model is writing.</summary>
    Generating,

    /// <summary>A tool is running.</summary>
    Tool,

    /// <summary>A retrieval tool is running.</summary>
    Retrieval,

    /// <summary>The model call failed before its first token and is being tried again.</summary>
    Retrying,

    /// <summary>The model stopped writing for a while.</summary>
    Stalled,

    /// <summary>The connection dropped; the client is resuming after the last event it applied.</summary>
    Reconnecting,

    /// <summary>The <c>final</c> event arrived.</summary>
    Done,
}
