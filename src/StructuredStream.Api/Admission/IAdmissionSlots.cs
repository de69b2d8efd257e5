using StructuredStream.Redis;

namespace StructuredStream.Api.Admission;

/// <summary>
/// The model-call slots behind the caps: this instance's own counts, or counts shared by every instance through
/// Redis, so a client's cap holds across a deployment.
/// </summary>
public interface IAdmissionSlots
{
    /// <summary>How often streams waiting here try again without being told a slot came free (infinite: never).</summary>
    TimeSpan RecheckInterval { get; }

    /// <summary>Takes a slot for <paramref name="holder"/> (a stream) of <paramref name="client"/>, if the caps allow.</summary>
    ValueTask<SlotGrant> TryTakeAsync(string client, string holder);

    /// <summary>Gives a slot back.</summary>
    ValueTask ReleaseAsync(string client, string holder);
}
