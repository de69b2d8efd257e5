using StructuredStream.Redis;

namespace StructuredStream.Api.Admission;

/// <summary>Slots counted in this process: the caps hold per instance.</summary>
public sealed class LocalAdmissionSlots(AdmissionOptions options) : IAdmissionSlots
{
    private readonly Dictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _all;

    /// <inheritdoc />
    public TimeSpan RecheckInterval => Timeout.InfiniteTimeSpan;

    /// <inheritdoc />
    public ValueTask<SlotGrant> TryTakeAsync(string client, string holder)
    {
        lock (_lock)
        {
            var held = _perClient.GetValueOrDefault(client);
            var grant = held >= options.ActivePerClient ? SlotGrant.ClientFull
                : _all >= options.ActiveModelCalls ? SlotGrant.AllFull
                : SlotGrant.Taken;
            if (grant == SlotGrant.Taken)
            {
                _perClient[client] = held + 1;
                _all++;
            }

            return ValueTask.FromResult(grant);
        }
    }

    /// <inheritdoc />
    public ValueTask ReleaseAsync(string client, string holder)
    {
        lock (_lock)
        {
            if (_perClient.TryGetValue(client, out var held))
            {
                if (held <= 1)
                {
                    _perClient.Remove(client);
                }
                else
                {
                    _perClient[client] = held - 1;
                }

                _all--;
            }
        }

        return ValueTask.CompletedTask;
    }
}
