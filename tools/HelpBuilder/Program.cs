using System.Diagnostics;
using System.Text.Json;
using HelpBuilder;

// HelpBuilder maml  --docs <docs/en-US> --out <staged>/en-US   writes <external help file> and about_*.help.txt
// HelpBuilder model --docs <docs/en-US> [--out <file.json>]    writes the parsed pages and their problems as JSON (for Test-Docs.ps1)
// Exit codes: 0 done, 1 the docs have problems (each printed as file:line: message), 2 bad arguments or I/O failure.
return Cli.Run(args);

internal static class Cli
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("maml" or "model"))
        {
            return Usage("The first argument must be 'maml' or 'model'.");
        }

        string? docs = null;
        string? output = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--docs" when i + 1 < args.Length:
                    docs = args[++i];
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                default:
                    return Usage($"Unknown argument '{args[i]}'.");
            }
        }

        if (docs == null || !Directory.Exists(docs))
        {
            return Usage($"The docs folder '{docs}' does not exist.");
        }

        try
        {
            var watch = Stopwatch.StartNew();
            var set = DocParser.ParseFolder(docs);
            if (args[0] == "model")
            {
                var json = JsonSerializer.Serialize(set, JsonOptions);
                if (output == null)
                {
                    Console.Out.Write(json);
                }
                else
                {
                    File.WriteAllText(output, json);
                }

                return 0;
            }

            if (output == null)
            {
                return Usage("'maml' needs --out <folder>.");
            }

            if (set.Problems.Count > 0)
            {
                foreach (var problem in set.Problems)
                {
                    Console.Error.WriteLine(Path.Combine(docs, problem.File) + ":" + problem.Line + ": " + problem.Message);
                }

                Console.Error.WriteLine($"{set.Problems.Count} problem(s) in {docs}; no help was written.");
                return 1;
            }

            Directory.CreateDirectory(output);
            var written = new List<string>();
            foreach (var group in set.Commands.GroupBy(c => c.ExternalHelpFile, StringComparer.OrdinalIgnoreCase))
            {
                var path = Path.Combine(output, group.Key);
                MamlWriter.Write(path, group.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase));
                written.Add($"{group.Key} ({group.Count()} cmdlets)");
            }

            foreach (var about in set.Abouts)
            {
                File.WriteAllText(Path.Combine(output, about.Name + ".help.txt"), about.Text);
                written.Add(about.Name + ".help.txt");
            }

            Console.Out.WriteLine($"Help: wrote {string.Join(", ", written)} to {output} in {watch.ElapsedMilliseconds} ms.");
            return 0;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine("HelpBuilder: " + e.Message);
            return 2;
        }
        catch (UnauthorizedAccessException e)
        {
            Console.Error.WriteLine("HelpBuilder: " + e.Message);
            return 2;
        }
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine("HelpBuilder: " + message);
        Console.Error.WriteLine("Usage: HelpBuilder maml --docs <folder> --out <folder> | HelpBuilder model --docs <folder> [--out <file.json>]");
        return 2;
    }
}
