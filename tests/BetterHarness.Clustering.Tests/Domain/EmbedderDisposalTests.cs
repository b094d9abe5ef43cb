using BetterHarness.Text;

namespace BetterHarness.Clustering.Tests.Domain;

/// <summary>
/// A host that stops while a background job still embeds disposes the singleton embedder under it. The native
/// ONNX session must outlive the batch in flight: before the fix this freed the session mid-call and killed the
/// whole process (seen as the optimizer's test host crashing with no test failed).
/// </summary>
public sealed class EmbedderDisposalTests
{
    [Fact]
    public async Task Disposing_while_another_thread_embeds_waits_for_the_batch_and_then_refuses_new_work()
    {
        var embedder = new MiniLmEmbedder();
        embedder.Embed(["warm the session up"]);
        var texts = Enumerable.Range(0, 64).Select(i => $"the payment gateway timed out on attempt {i}").ToArray();
        var started = new ManualResetEventSlim();
        var outcomes = new List<string>();

        var worker = Task.Run(() =>
        {
            started.Set();
            for (var round = 0; round < 50; round++)
            {
                try
                {
                    var vectors = embedder.Embed(texts);
                    Assert.All(vectors, v => Assert.Equal(384, v.Length));
                    lock (outcomes) outcomes.Add("embedded");
                }
                catch (ObjectDisposedException)
                {
                    lock (outcomes) outcomes.Add("disposed");
                    return;
                }
            }
        });

        started.Wait();
        await Task.Delay(50);
        embedder.Dispose();
        embedder.Dispose();
        await worker;

        Assert.Equal("disposed", outcomes[^1]);
        Assert.Throws<ObjectDisposedException>(() => embedder.Embed(["after disposal"]));
    }
}
