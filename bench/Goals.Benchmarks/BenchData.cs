namespace Goals.Benchmarks;

public sealed record Grandchild(string Id, string Name, string Level, double Score, string[] Tags);

public sealed record Child(string Id, string Name, string Level, int Value, Grandchild[] Grandchildren);

public sealed record Parent(string Id, string Name, string Level, Child[] Children);

/// <summary>The benchmark data: 100 parents x 10 children x 5 grandchildren, built by the same rule as buildData() in bench/graphql-js/bench.mjs.</summary>
public static class BenchData
{
    public static Parent[] Build()
    {
        var parents = new Parent[100];
        for (var i = 0; i < 100; i++)
        {
            var children = new Child[10];
            for (var j = 0; j < 10; j++)
            {
                var grandchildren = new Grandchild[5];
                for (var k = 0; k < 5; k++)
                    grandchildren[k] = new Grandchild($"p{i}c{j}g{k}", $"Grandchild {k}", "GRANDCHILD", (i + j + k) / 2.0, ["t" + k, "even"]);
                children[j] = new Child($"p{i}c{j}", $"Child {j}", "CHILD", i * 10 + j, grandchildren);
            }

            parents[i] = new Parent($"p{i}", $"Parent {i}", "PARENT", children);
        }

        return parents;
    }

    /// <summary>bench/documents, found by walking up to the directory holding Goals.slnx.</summary>
    public static string DocumentsDir
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Goals.slnx"))) return Path.Combine(dir.FullName, "bench", "documents");
            for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Goals.slnx"))) return Path.Combine(dir.FullName, "bench", "documents");
            throw new InvalidOperationException("Goals.slnx not found");
        }
    }
}
