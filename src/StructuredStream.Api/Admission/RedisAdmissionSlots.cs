using StructuredStream.Redis;

namespace StructuredStream.Api.Admission;

/// <summary>
/// Slots shared by every instance through Redis: a client's cap and the cap on model calls hold across the
/// deployment. A release anywhere makes the streams waiting here try again; a dead instance's slots come free when
/// their leases run out, which waiting streams find when they look again.
/// </summary>
public sealed class RedisAdmissionSlots(RedisCallSlots slots, AdmissionOptions options, RedisStreamLogOptions logOptions, IServiceProvider services)
    : IAdmissionSlots, IHostedService
{
    /// <inheritdoc />
    public TimeSpan RecheckInterval => logOptions.PollInterval;

    /// <inheritdoc />
    public async ValueTask<SlotGrant> TryTakeAsync(string client, string holder) =>
        await slots.TryTakeAsync(client, holder, options.ActivePerClient, options.ActiveModelCalls).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(string client, string holder) => await slots.ReleaseAsync(client, holder).ConfigureAwait(false);

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved here, not injected: the admission is built on these slots.
        var admission = services.GetRequiredService<GenerationAdmission>();
        return slots.StartAsync(() => _ = admission.RescheduleAsync());
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken) => await slots.DisposeAsync().ConfigureAwait(false);
}
