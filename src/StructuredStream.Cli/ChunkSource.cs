using System.Text;
using System.Text.Json;

namespace StructuredStream.Cli;

/// <summary>The model chunks that <c>replay</c> feeds to the engine, read lazily so large inputs stream through.</summary>
internal static class ChunkSource
{
    /// <summary>NDJSON where each line is one JSON string, one model chunk; blank lines are skipped.</summary>
    public static IEnumerable<string> FromChunksFile(InputFiles files, string path)
    {
        using var reader = files.OpenText(path);
        var lineNumber = 0;
        while (InputFiles.Reading(path, reader.ReadLine) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string? chunk;
            try
            {
                chunk = JsonSerializer.Deserialize<string>(line);
            }
            catch (JsonException e)
            {
                throw new CliInputException($"{path}, line {lineNumber}: each line must be one JSON string ({e.Message})", e);
            }

            yield return chunk ?? throw new CliInputException($"{path}, line {lineNumber}: each line must be one JSON string, not null.");
        }
    }

    /// <summary>A plain text file cut into chunks whose sizes, in UTF-16 code units, come from <paramref name="sizes"/>.</summary>
    public static IEnumerable<string> FromTextFile(InputFiles files, string path, IEnumerable<int> sizes)
    {
        using var reader = files.OpenText(path);
        var buffer = new char[4096];
        var chunk = new StringBuilder();
        foreach (var size in sizes)
        {
            // Read in blocks: a chunk size far beyond the file (--chunk-size 2147483647) must not size the buffer.
            chunk.Clear();
            while (chunk.Length < size)
            {
                var read = InputFiles.Reading(path, () => reader.ReadBlock(buffer, 0, Math.Min(buffer.Length, size - chunk.Length)));
                if (read == 0)
                {
                    break;
                }

                chunk.Append(buffer, 0, read);
            }

            if (chunk.Length == 0)
            {
                yield break;
            }

            yield return chunk.ToString();
        }
    }

    /// <summary>A plain text file as one chunk, as a model that answers all at once.</summary>
    public static IEnumerable<string> WholeTextFile(InputFiles files, string path)
    {
        using var reader = files.OpenText(path);
        yield return InputFiles.Reading(path, reader.ReadToEnd);
    }

    /// <summary>The same size forever.</summary>
    public static IEnumerable<int> FixedSizes(int size)
    {
        while (true)
        {
            yield return size;
        }
    }

    /// <summary>Sizes from 1 to 8, like a model's tokens; the same seed gives the same cuts on every machine.</summary>
    public static IEnumerable<int> RandomSizes(int seed)
    {
        // A seeded System.Random uses the same algorithm on every platform and version, so cuts are reproducible.
#pragma warning disable CA5394 // Not for security: reproducible chunk sizes.
        var random = new Random(seed);
        while (true)
        {
            yield return random.Next(1, 9);
        }
#pragma warning restore CA5394
    }
}
