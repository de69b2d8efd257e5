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
    public void A_slice_of_a_node_made_from_a_string_holds_the_rest_of_it()
    {
        var slice = new StringNode("prefix:value").Slice(7);

        Assert.Equal("value", slice.Value);
        Assert.Equal(5, slice.Length);
    }

    [Fact]
    public void A_slice_of_a_slice_reads_from_where_both_offsets_put_it_and_grows_on_its_own()
    {
        var source = new StringNode();
        source.Append("0123456789");
        var inner = source.Slice(2).Slice(3);

        Assert.Equal("56789", inner.Value);
        inner.Append("!");
        source.Append("ab");

        Assert.Equal("56789!", inner.Value);
        Assert.Equal("0123456789ab", source.Value);
        Assert.Equal("6789!", inner.Slice(1).Value);
    }
}
