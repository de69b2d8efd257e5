using StructuredStream.Client;
using StructuredStream.Protocol;

namespace StructuredStream.Client.Tests;

/// <summary>Per-path completion: a path is complete when it, or a value holding it, was completed.</summary>
public sealed class CompletionTests
{
    [Fact]
    public void A_path_is_complete_when_it_or_a_value_holding_it_is_and_nothing_else()
    {
        var update = new StreamUpdate(3, new CompleteEvent(["/a/b", "/c"]), null, StreamPhase.Generating, null, "st_1", new HashSet<string>(["/a/b", "/c"]));

        string[] paths = ["/a/b", "/a/b/c", "/a", "/c", "/c/d/0", "/cd", "", "/a/bc"];

        Assert.Equal(["/a/b", "/a/b/c", "/c", "/c/d/0"], paths.Where(update.IsComplete));
    }

    [Fact]
    public void Everything_is_complete_once_the_root_is()
    {
        var update = new StreamUpdate(4, new CompleteEvent([""]), null, StreamPhase.Generating, null, "st_1", new HashSet<string>([""]));

        Assert.True(update.IsComplete("/anything/at/all") && update.IsComplete(""));
    }
}
