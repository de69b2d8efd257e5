using StructuredStream.Documents;

namespace StructuredStream.Tests.Documents;

public sealed class StringNodeTests
{
    [Fact]
    public void A_slice_keeps_its_text_while_the_source_grows_and_moves_to_larger_buffers()
    {
        var source = new StringNode();
        source.Append("Hello");
        var slice = source.Slice(2);

        for (var i = 0; i < 100; i++)
        {
            source.Append(", world");
        }

        Assert.Equal("llo", slice.Value);
        Assert.StartsWith("Hello, world, world", source.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Appending_to_a_slice_never_writes_into_the_source()
    {
        var source = new StringNode();
        source.Append(new string('a', 10)); // leaves spare capacity after the text
        var slice = source.Slice(5);

        slice.Append("XYZ");
        source.Append("bbb");

        Assert.Equal("aaaaaXYZ", slice.Value);
        Assert.Equal("aaaaaaaaaabbb", source.Value);
    }

    [Fact]
    public void A_slice_of_a_node_made_from_a_string_shares_that_string()
    {
        var slice = new StringNode("prefix:value").Slice(7);

        Assert.Equal("value", slice.Value);
        Assert.Equal(5, slice.Length);
    }
}
