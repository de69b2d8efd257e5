using System.Globalization;

namespace StructuredStream.Samples;

/// <summary>Values of the <c>format</c>s the validator asserts, drawn from a seeded random source.</summary>
internal static class FormatSamples
{
    private static readonly string[] Hosts = ["example.com", "example.org", "docs.example.net", "status.example.io"];
    private static readonly string[] Paths = ["guides/streaming", "reference/patches", "blog/2026/forms", "papers/structured-output", "faq"];

    /// <summary>A value of <paramref name="format"/>, or null for a format with no sampler.</summary>
    public static string? TrySample(string format, Random random, string? hint) => format switch
    {
        "date-time" => Day(random).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T" + Time(random),
        "date" => Day(random).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "time" => Time(random),
        "email" or "idn-email" => Email(random, hint),
        "uri" or "iri" or "uri-reference" or "iri-reference" => $"https://{Pick(random, Hosts)}/{Pick(random, Paths)}",
        "uuid" => new Guid(Bytes(random, 16)).ToString(),
        "ipv4" => string.Join('.', random.Next(1, 224), random.Next(0, 256), random.Next(0, 256), random.Next(1, 255)),
        "ipv6" => $"2001:db8:{random.Next(0, 0x10000):x}::{random.Next(1, 0x10000):x}",
        "hostname" or "idn-hostname" => Pick(random, Hosts),
        "duration" => $"PT{random.Next(1, 60)}M",
        _ => null,
    };

    private static DateOnly Day(Random random) => new DateOnly(2026, 1, 1).AddDays(random.Next(0, 365));

    private static string Time(Random random) =>
        $"{random.Next(8, 19):00}:{random.Next(0, 60):00}:{random.Next(0, 60):00}Z";

    private static string Email(Random random, string? hint)
    {
        var person = SampleText.Person(random);
        var local = person.ToLowerInvariant().Replace(' ', '.');
        return $"{local}@{(hint is not null && hint.Contains("work", StringComparison.OrdinalIgnoreCase) ? "corp." : "")}example.com";
    }

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
