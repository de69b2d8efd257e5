namespace StructuredStream.Api.Admission;

/// <summary>Where a <see cref="QueueTicket"/> is.</summary>
internal enum TicketStage
{
    /// <summary>Behind the client's own running streams.</summary>
    WaitingForClient,

    /// <summary>Within the client's cap, behind the instance's cap on model calls.</summary>
    WaitingForModel,

    /// <summary>Calling the model.</summary>
    Admitted,

    /// <summary>Gone: done, cancelled while waiting, or refused.</summary>
    Left,
}
