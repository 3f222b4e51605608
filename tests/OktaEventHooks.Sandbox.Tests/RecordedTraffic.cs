using System.Text.Json.Nodes;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>One request and answer of a recording of real Okta traffic (tests/fixtures/recorded/*.json).</summary>
internal sealed record RecordedInteraction(int Index, string Method, string Path, JsonObject? RequestBody, int Status, string? ResponseText)
{
    public JsonNode? Answer => ResponseText is null ? null : JsonNode.Parse(ResponseText);

    public override string ToString() => $"#{Index} {Method} {Path} -> {Status}";
}

/// <summary>A recorded sequence: its file name and its interactions in order.</summary>
internal sealed record Recording(string Name, IReadOnlyList<RecordedInteraction> Interactions)
{
    /// <summary>The folder of the recordings, found from the test binaries up to the repository's tests/ folder.</summary>
    public static string Folder { get; } = FindFolder();

    /// <summary>Every recording file, one theory case each, so a new file is covered without code changes.</summary>
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    public static Recording Load(string fileName)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, fileName)))!.AsObject();
        Assert.True(root["source"] is JsonObject, $"{fileName} has no 'source': a recording must say where it comes from.");
        var interactions = root["interactions"]!.AsArray().Select((node, index) =>
        {
            var item = node!.AsObject();
            return new RecordedInteraction(
                index,
                (string)item["method"]!,
                (string)item["path"]!,
                item["requestBody"] as JsonObject,
                (int)item["status"]!,
                (string?)item["responseText"]);
        }).ToList();
        return new Recording(fileName, interactions);
    }

    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "fixtures", "recorded");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No tests/fixtures/recorded above {AppContext.BaseDirectory}.");
    }
}
