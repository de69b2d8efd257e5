using System.ClientModel;
using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using StructuredStream.Api.Models.Simulated;

namespace StructuredStream.Api.Models;

/// <summary>
/// Retries with back-off and a circuit breaker for opening a model stream, up to its first update; never after, since a
/// retry then would show the reader a second, different answer. A 429's Retry-After sets the delay.
/// </summary>
public sealed class ModelCallPolicy
{
    /// <summary>Builds the pipeline from the options; one instance per provider, so the breaker counts its failures.</summary>
    public ModelCallPolicy(ModelOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handled = new PredicateBuilder().Handle<HttpRequestException>(e => e.StatusCode is null || IsTransient((int)e.StatusCode)).Handle<ClientResultException>(e => IsTransient(e.Status)).Handle<SimulatedModelException>();
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.Retry.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = handled,
                MaxRetryAttempts = options.Retry.MaxRetries,
                Delay = options.Retry.BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Exception, timeProvider)),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(RetryObserver, out var observer))
                    {
                        observer(new ModelRetryAttempt(args.AttemptNumber + 2, args.RetryDelay, args.Outcome.Exception));
                    }

                    return ValueTask.CompletedTask;
                },
            });
        }

        Pipeline = builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = handled,
            FailureRatio = options.CircuitBreaker.FailureRatio,
            MinimumThroughput = Math.Max(options.CircuitBreaker.MinimumThroughput, 2),
            SamplingDuration = options.CircuitBreaker.SamplingDuration,
            BreakDuration = options.CircuitBreaker.BreakDuration,
        }).Build();
    }

    /// <summary>The pipeline to run "open the stream and read its first update" in.</summary>
    public ResiliencePipeline Pipeline { get; }

    /// <summary>Where a call says who to tell, before each retry, which attempt comes next, when, and why.</summary>
    public static ResiliencePropertyKey<Action<ModelRetryAttempt>> RetryObserver { get; } = new("structuredstream.retry-observer");

    /// <summary>Worth trying again: time-outs, rate limits and server faults (and no status at all: the network).</summary>
    private static bool IsTransient(int status) =>
        status is 0 or 408 or 429 or >= 500;

    private static TimeSpan? RetryAfter(Exception? exception, TimeProvider timeProvider)
    {
        if (exception is ClientResultException { Status: (int)HttpStatusCode.TooManyRequests } e
            && e.GetRawResponse()?.Headers.TryGetValue("Retry-After", out var value) == true)
        {
            if (int.TryParse(value, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var when))
            {
                return when - timeProvider.GetUtcNow() is { Ticks: > 0 } wait ? wait : TimeSpan.Zero;
            }
        }

        // Null: the strategy's own exponential back-off.
        return null;
    }
}
