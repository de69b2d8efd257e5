namespace StructuredStream.Api.Admission;

/// <summary>Where a <see cref="QueueTicket"/> is.</summary>
internal enum TicketStage
{
    /// <summary>In line: behind the client's own running streams, or behind the cap on model calls.</summary>
    Waiting,

    /// <summary>Calling the model.</summary>
    Admitted,

    /// <summary>Gone: done, cancelled while waiting, or refused.</summary>
    Left,
}
