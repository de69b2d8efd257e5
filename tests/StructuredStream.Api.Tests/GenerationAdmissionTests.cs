using StructuredStream.Api.Admission;

namespace StructuredStream.Api.Tests;

public sealed class GenerationAdmissionTests
{
    private static readonly AdmissionOptions Caps = new() { ActivePerClient = 2, QueuePerClient = 2, ActiveModelCalls = 3 };

    [Fact]
    public async Task A_client_over_its_cap_waits_first_come_first_served_and_a_full_line_is_refused()
    {
        var admission = new GenerationAdmission(Caps);
        var running = new[] { (await admission.TryEnterAsync("a", "s1"))!, (await admission.TryEnterAsync("a", "s2"))! };
        var second = (await admission.TryEnterAsync("a", "s3"))!;
        var third = (await admission.TryEnterAsync("a", "s4"))!;

        Assert.All(running, t => Assert.True(t.Admitted.IsCompleted));
        Assert.Equal((new QueuePosition(1, false), new QueuePosition(2, false)), (second.Position, third.Position));
        Assert.Null(await admission.TryEnterAsync("a", "s5"));
        Assert.True((await admission.TryEnterAsync("b", "s6"))!.Admitted.IsCompleted); // another client is not held back by a's line

        running[0].Dispose();

        Assert.True(second.Admitted.IsCompleted);
        Assert.Equal(new QueuePosition(1, false), third.Position);
        Assert.NotNull(await admission.TryEnterAsync("a", "s7")); // a place in line is free again
    }

    [Fact]
    public async Task Past_the_instance_cap_streams_wait_for_a_model_slot_in_arrival_order_and_hear_each_move()
    {
        var admission = new GenerationAdmission(Caps);
        var holders = new[] { (await admission.TryEnterAsync("a", "s8"))!, (await admission.TryEnterAsync("b", "s9"))!, (await admission.TryEnterAsync("c", "s10"))! };
        var d = (await admission.TryEnterAsync("d", "s11"))!;
        var e = (await admission.TryEnterAsync("e", "s12"))!;
        var heard = new List<QueuePosition>();
        e.Moved = heard.Add;

        Assert.Equal((new QueuePosition(1, true), new QueuePosition(2, true)), (d.Position, e.Position));
        Assert.Equal(3, admission.Running);

        d.Dispose(); // cancelled while waiting: e moves up, nobody is admitted
        Assert.Equal([new QueuePosition(1, true)], heard);
        Assert.False(e.Admitted.IsCompleted);

        holders[1].Dispose();
        Assert.True(e.Admitted.IsCompleted);
        Assert.Equal(3, admission.Running);
    }

    [Fact]
    public async Task Leaving_twice_gives_back_one_slot_only()
    {
        var admission = new GenerationAdmission(Caps);
        var ticket = (await admission.TryEnterAsync("a", "s13"))!;

        ticket.Dispose();
        ticket.Dispose();

        Assert.Equal(0, admission.Running);
    }
}
