using StructuredStream.Documents;
using StructuredStream.Protocol;
using StructuredStream.Streaming;

namespace StructuredStream.Tests.Documents;

public sealed class MemberNameTableTests
{
    [Fact]
    public void A_name_seen_before_is_the_same_string()
    {
        var names = new MemberNameTable();

        var first = names.Get("region".AsSpan());
        var again = names.Get("xregionx".AsSpan(1, 6));

        Assert.Equal("region", first);
        Assert.Same(first, again);
        Assert.Equal("", names.Get([]));
    }

    [Fact]
    public void Past_its_bounds_the_table_still_answers_with_new_strings()
    {
        var names = new MemberNameTable();
        for (var i = 0; i < MemberNameTable.MaxNames; i++)
        {
            names.Get($"name{i}".AsSpan());
        }

        var late = "late".AsSpan();
        var longName = new string('n', MemberNameTable.MaxNameLength + 1);

        Assert.Equal("late", names.Get(late));
        Assert.NotSame(names.Get(late), names.Get(late));
        Assert.NotSame(names.Get(longName), names.Get(longName));
        Assert.Equal(longName, names.Get(longName));
        Assert.Same(names.Get("name0".AsSpan()), names.Get("name0".AsSpan()));
    }

    [Fact]
    public void Rows_of_a_streamed_table_share_their_member_names()
    {
        using var builder = new EventStreamBuilder();
        var events = new List<StreamEvent>();
        foreach (var chunk in new[] { "[{\"reg", "ion\":\"north\"},{\"region", "\":\"south\"}]" })
        {
            builder.Append(chunk, events);
        }

        var rows = (ArrayNode)builder.Document;
        Assert.Same(((ObjectNode)rows[0]).Members[0].Key, ((ObjectNode)rows[1]).Members[0].Key);
    }
}
