namespace StructuredStream.Api.Models;

/// <summary>A retry about to happen: the attempt it will be (2 for the first retry), the wait before it, and the fault that caused it.</summary>
public readonly record struct ModelRetryAttempt(int Attempt, TimeSpan Delay, Exception? Fault);
