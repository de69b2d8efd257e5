using StructuredStream.Documents;
using StructuredStream.Parsing;
using StructuredStream.Validation;

namespace StructuredStream.Protocol;

/// <summary><c>final</c>: always the last event; the whole object and how the stream ended.</summary>
/// <param name="Outcome">How the stream ended.</param>
/// <param name="Object">The object, equal to applying every patch of the stream to <c>null</c>.</param>
/// <param name="Repairs">What the tolerant parser repaired.</param>
/// <param name="Errors">Schema validation errors of the object.</param>
/// <param name="Checksum"><c>sha256:</c> and the hex SHA-256 of the object's RFC 8785 canonical form.</param>
public sealed record FinalEvent(
    StreamOutcome Outcome,
    DocumentNode Object,
    IReadOnlyList<Repair> Repairs,
    IReadOnlyList<ValidationError> Errors,
    string Checksum) : StreamEvent
{
    /// <inheritdoc />
    public override string Type => "final";

    /// <summary>The wire name of an outcome, such as <c>timed_out</c>.</summary>
    public static string WireName(StreamOutcome outcome) => outcome switch
    {
        StreamOutcome.Completed => "completed",
        StreamOutcome.Cancelled => "cancelled",
        StreamOutcome.Failed => "failed",
        StreamOutcome.TimedOut => "timed_out",
        StreamOutcome.Invalid => "invalid",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>The outcome named by a wire name.</summary>
    public static bool TryParseWireName(string name, out StreamOutcome outcome)
    {
        foreach (var candidate in Enum.GetValues<StreamOutcome>())
        {
            if (WireName(candidate) == name)
            {
                outcome = candidate;
                return true;
            }
        }

        outcome = default;
        return false;
    }
}
