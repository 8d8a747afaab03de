using CipnCare.Web.Features.Alerts.Triage;

namespace CipnCare.Web.Tests.Triage;

/// <summary>The shipped example vectors (exemplars.vectors) are the ones the model computes from the shipped examples now.</summary>
public sealed class TriageVectorTests
{
    private static readonly MiniLmEmbedder Model = new();

    [Fact]
    public void ShippedVectors_MatchTheShippedExamples_AndTheModel()
    {
        var examples = SemanticTriage.ReadExemplars(SemanticTriage.ShippedExamples);
        var stored = ExampleVectors.TryRead(Model.ModelId!, SemanticTriage.ShippedExamples, examples.Length);
        Assert.True(stored is not null, "exemplars.vectors is missing or stale: rebuild it with `dotnet run --project src/CipnCare.Web -- triage-vectors --to $PWD/src/CipnCare.Web/Features/Alerts/Triage/exemplars.vectors` and commit it.");

        var sample = Enumerable.Range(0, 12).Select(i => i * (examples.Length - 1) / 11).ToList();
        var fresh = Model.Embed(sample.Select(i => examples[i].Text).ToList());
        foreach (var (index, vector) in sample.Zip(fresh))
        {
            Assert.True(vector.Zip(stored![index]).Sum(p => p.First * p.Second) > 0.999, $"example {index} ('{examples[index].Text}') has a different vector now");
        }
    }

    [Fact]
    public void StoredVectors_AreIgnored_WhenTheExamplesOrTheModelChange()
    {
        var examples = Path.Combine(Path.GetTempPath(), $"cipn-examples-{Guid.NewGuid():N}.tsv");
        File.WriteAllLines(examples, ["self-harm\tI want to end it all", "calm\tMy feet tingle a little"]);
        var vectors = new[] { new[] { 1f, 0f }, new[] { 0f, 1f } };
        ExampleVectors.Write(ExampleVectors.PathFor(examples), "model-a", examples, vectors);

        var same = ExampleVectors.TryRead("model-a", examples, 2);
        var otherModel = ExampleVectors.TryRead("model-b", examples, 2);
        File.AppendAllLines(examples, ["calm\tA new example"]);
        var changedFile = ExampleVectors.TryRead("model-a", examples, 3);

        Assert.Equal(vectors, same);
        Assert.Null(otherModel);
        Assert.Null(changedFile);
        File.Delete(examples);
        File.Delete(ExampleVectors.PathFor(examples));
    }
}
