namespace StructuredStream.Api.Admission;

/// <summary>Where a waiting stream stands.</summary>
/// <param name="Position">1 for the next to move on.</param>
/// <param name="WaitingForModel">
/// False while the client's own running streams hold it back (position among the client's waiting streams); true when
/// the cap on model calls does (position among the streams waiting here for a model call).
/// </param>
public readonly record struct QueuePosition(int Position, bool WaitingForModel)
{
    /// <summary>The position in words, for a <c>status</c> event's <c>detail</c>.</summary>
    public string Describe(AdmissionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return WaitingForModel
            ? $"Waiting for a free model slot ({options.ActiveModelCalls} calls run at once); {Position} in line."
            : $"Waiting for one of your {options.ActivePerClient} running streams to end; {Position} in line.";
    }
}
