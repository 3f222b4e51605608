using System.Globalization;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace HelpBuilder;

/// <summary>Reads a docs folder written in PlatyPS's markdown schema 2.0.0; collects every problem instead of stopping at the first.</summary>
internal sealed partial class DocParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().UsePipeTables().Build();

    private static readonly string[] KnownSections =
        ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS"];

    private static readonly string[] RequiredSections = ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS"];

    private static readonly string[] KnownYamlKeys =
        ["Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value", "Accept pipeline input", "Accept wildcard characters", "Accepted values", "Applicable", "Dynamic"];

    private static readonly string[] RequiredYamlKeys = ["Type", "Parameter Sets", "Required", "Position"];

    private readonly List<DocProblem> _problems;
    private readonly string _file;
    private readonly string _source;

    private DocParser(string file, string source, List<DocProblem> problems)
    {
        _file = file;
        _source = source;
        _problems = problems;
    }

    public static DocSet ParseFolder(string folder)
    {
        var set = new DocSet();
        foreach (var path in Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var parser = new DocParser(name, File.ReadAllText(path), set.Problems);
            if (name.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
            {
                if (parser.ParseAbout() is { } about)
                {
                    set.Abouts.Add(about);
                }
            }
            else if (parser.ParseCommand() is { } command)
            {
                set.Commands.Add(command);
            }
        }

        foreach (var duplicate in set.Commands.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            foreach (var page in duplicate.Skip(1))
            {
                set.Problems.Add(new DocProblem(page.File, page.Line, $"'{page.Name}' is documented in more than one page."));
            }
        }

        set.Problems = set.Problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ToList();
        return set;
    }

    private void Problem(int line, string message) => _problems.Add(new DocProblem(_file, line, message));

    private static int LineOf(Block block) => block.Line + 1;

    /// <summary>A heading and the blocks under it, up to the next heading of the same or a higher level.</summary>
    private sealed record Section(string Title, int Line, List<Block> Blocks, List<Section> Children);

    /// <summary>Splits the blocks after a heading into the blocks before the first sub-heading and the sub-sections.</summary>
    private static (List<Block> Intro, List<Section> Children) Split(IEnumerable<Block> blocks, int level)
    {
        var intro = new List<Block>();
        var children = new List<Section>();
        Section? current = null;
        foreach (var block in blocks)
        {
            if (block is HeadingBlock heading && heading.Level == level)
            {
                current = new Section(PlainText.Inline(heading.Inline), LineOf(heading), [], []);
                children.Add(current);
            }
            else if (current != null)
            {
                current.Blocks.Add(block);
            }
            else
            {
                intro.Add(block);
            }
        }

        return (intro, children);
    }

    private static bool IsBlank(Block block) => block is BlankLineBlock or LinkReferenceDefinitionGroup or HtmlBlock { Type: HtmlBlockType.Comment };

    private CommandPage? ParseCommand()
    {
        var document = Markdown.Parse(_source, Pipeline);
        var page = new CommandPage { File = _file };
        var blocks = document.ToList();

        if (blocks.FirstOrDefault() is YamlFrontMatterBlock front)
        {
            page.FrontMatter = ParseFrontMatter(front);
            blocks.RemoveAt(0);
        }
        else
        {
            Problem(1, "The page has no front matter (a '---' block with 'external help file', 'Module Name' and 'schema: 2.0.0').");
        }

        page.ExternalHelpFile = page.FrontMatter.GetValueOrDefault("external help file", "");
        page.ModuleName = page.FrontMatter.GetValueOrDefault("Module Name");
        page.OnlineVersion = page.FrontMatter.GetValueOrDefault("online version");
        if (page.FrontMatter.Count > 0)
        {
            if (page.ExternalHelpFile.Length == 0)
            {
                Problem(1, "The front matter has no 'external help file' (e.g. 'external help file: OktaEventHooks.dll-Help.xml').");
            }

            if (page.FrontMatter.GetValueOrDefault("schema") != "2.0.0")
            {
                Problem(1, "The front matter must say 'schema: 2.0.0'.");
            }
        }

        var (beforeTitle, titles) = Split(blocks, 1);
        foreach (var stray in beforeTitle.Where(b => !IsBlank(b)))
        {
            Problem(LineOf(stray), "Text before the '# <Cmdlet>' title.");
        }

        if (titles.Count == 0)
        {
            Problem(1, "The page has no '# <Cmdlet-Name>' title.");
            return null;
        }

        foreach (var extra in titles.Skip(1))
        {
            Problem(extra.Line, $"A second level-1 heading '# {extra.Title}'; a page documents one cmdlet.");
        }

        var title = titles[0];
        page.Name = title.Title;
        page.Line = title.Line;
        var expected = Path.GetFileNameWithoutExtension(_file);
        if (!string.Equals(page.Name, expected, StringComparison.Ordinal))
        {
            Problem(title.Line, $"The title '# {page.Name}' does not match the file name '{expected}'.");
        }

        CollectPlaceholders(page);

        var (intro, sections) = Split(title.Blocks, 2);
        foreach (var stray in intro.Where(b => !IsBlank(b)))
        {
            Problem(LineOf(stray), "Text between the title and '## SYNOPSIS'.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in sections)
        {
            var name = section.Title.Trim();
            if (!KnownSections.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                Problem(section.Line, $"Unknown section '## {name}'. Allowed: {string.Join(", ", KnownSections)}.");
                continue;
            }

            if (!seen.Add(name))
            {
                Problem(section.Line, $"The section '## {name}' appears twice.");
                continue;
            }

            switch (name.ToUpperInvariant())
            {
                case "SYNOPSIS":
                    page.SynopsisLine = section.Line;
                    page.Synopsis = Text(section, allowSubsections: false);
                    if (page.Synopsis.Count == 0)
                    {
                        Problem(section.Line, "'## SYNOPSIS' is empty.");
                    }

                    break;
                case "DESCRIPTION":
                    page.DescriptionLine = section.Line;
                    page.Description = Text(section, allowSubsections: true);
                    if (page.Description.Count == 0)
                    {
                        Problem(section.Line, "'## DESCRIPTION' is empty.");
                    }

                    break;
                case "SYNTAX":
                    ParseSyntax(page, section);
                    break;
                case "EXAMPLES":
                    page.ExamplesLine = section.Line;
                    ParseExamples(page, section);
                    break;
                case "PARAMETERS":
                    ParseParameters(page, section);
                    break;
                case "INPUTS":
                    page.Inputs = ParseTypes(section);
                    break;
                case "OUTPUTS":
                    page.Outputs = ParseTypes(section);
                    break;
                case "NOTES":
                    page.Notes = Text(section, allowSubsections: true);
                    break;
                case "RELATED LINKS":
                    page.Links = PlainText.Links(section.Blocks).ToList();
                    break;
            }
        }

        foreach (var required in RequiredSections.Where(r => !seen.Contains(r)))
        {
            Problem(title.Line, $"The page has no '## {required}' section.");
        }

        CheckParameterSets(page);
        return page;
    }

    private Dictionary<string, string> ParseFrontMatter(YamlFrontMatterBlock front)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < front.Lines.Count; i++)
        {
            var line = front.Lines.Lines[i].Slice.ToString();
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed == "---" || trimmed == "...")
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                Problem(front.Lines.Lines[i].Line + 1, $"Front matter line '{trimmed}' is not 'key: value'.");
                continue;
            }

            values[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return values;
    }

    private void CollectPlaceholders(CommandPage page)
    {
        var lines = _source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match match in PlaceholderPattern().Matches(lines[i]))
            {
                page.Placeholders.Add(new Placeholder { Line = i + 1, Text = match.Value });
            }
        }
    }

    /// <summary>The paragraphs of a section; sub-headings become paragraphs of their own where allowed.</summary>
    private List<string> Text(Section section, bool allowSubsections)
    {
        if (!allowSubsections)
        {
            foreach (var heading in section.Blocks.OfType<HeadingBlock>())
            {
                Problem(LineOf(heading), "A heading inside '## " + section.Title + "', which takes plain text only.");
            }
        }

        return PlainText.Paragraphs(section.Blocks.Where(b => b is not HeadingBlock || allowSubsections), _source)
            .Where(p => p.Length > 0)
            .ToList();
    }

    private void ParseSyntax(CommandPage page, Section section)
    {
        var (intro, sets) = Split(section.Blocks, 3);
        foreach (var stray in intro.Where(b => !IsBlank(b)))
        {
            Problem(LineOf(stray), "Text in '## SYNTAX' before the first '### <ParameterSetName>'.");
        }

        if (sets.Count == 0)
        {
            Problem(section.Line, "'## SYNTAX' has no '### <ParameterSetName>' with a code block.");
        }

        foreach (var set in sets)
        {
            var match = SetHeadingPattern().Match(set.Title);
            if (!match.Success)
            {
                Problem(set.Line, $"'### {set.Title}' is not a parameter set name ('### Name' or '### Name (Default)').");
                continue;
            }

            var code = set.Blocks.OfType<CodeBlock>().ToList();
            if (code.Count != 1)
            {
                Problem(set.Line, $"'### {set.Title}' needs exactly one code block with the syntax line (found {code.Count}).");
                continue;
            }

            foreach (var stray in set.Blocks.Where(b => b is not CodeBlock && !IsBlank(b)))
            {
                Problem(LineOf(stray), $"Text in '### {set.Title}' besides the syntax code block.");
            }

            var text = PlainText.Code(code[0]);
            var syntax = new SyntaxSet
            {
                Name = match.Groups["name"].Value,
                IsDefault = match.Groups["default"].Success,
                Line = set.Line,
                Text = text,
            };
            if (page.Name.Length > 0 && !text.TrimStart().StartsWith(page.Name, StringComparison.OrdinalIgnoreCase))
            {
                Problem(LineOf(code[0]) + 1, $"The syntax of '{syntax.Name}' does not start with '{page.Name}'.");
            }

            foreach (Match parameter in SyntaxParameterPattern().Matches(text))
            {
                var name = parameter.Groups["name"].Value;
                if (!syntax.ParameterNames.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    syntax.ParameterNames.Add(name);
                }
            }

            if (page.Syntax.Any(s => s.Name.Equals(syntax.Name, StringComparison.OrdinalIgnoreCase)))
            {
                Problem(set.Line, $"The parameter set '{syntax.Name}' appears twice in '## SYNTAX'.");
                continue;
            }

            page.Syntax.Add(syntax);
        }

        if (page.Syntax.Count(s => s.IsDefault) > 1)
        {
            Problem(section.Line, "More than one parameter set is marked '(Default)'.");
        }
    }

    private void ParseExamples(CommandPage page, Section section)
    {
        var (intro, examples) = Split(section.Blocks, 3);
        foreach (var stray in intro.Where(b => !IsBlank(b)))
        {
            Problem(LineOf(stray), "Text in '## EXAMPLES' before the first '### Example 1: <Title>'.");
        }

        foreach (var example in examples)
        {
            var doc = new ExampleDoc { Title = example.Title, Line = example.Line };
            var remarks = new List<Block>();
            foreach (var block in example.Blocks)
            {
                if (block is FencedCodeBlock fenced)
                {
                    doc.Code.Add(new CodeSnippet
                    {
                        Language = (fenced.Info ?? "").Trim(),
                        Line = LineOf(fenced) + 1,
                        Text = PlainText.Code(fenced),
                    });
                }
                else if (block is CodeBlock indented)
                {
                    doc.Code.Add(new CodeSnippet { Language = "", Line = LineOf(indented), Text = PlainText.Code(indented) });
                }
                else
                {
                    remarks.Add(block);
                }
            }

            doc.Remarks = PlainText.Paragraphs(remarks, _source).Where(p => p.Length > 0).ToList();
            if (doc.Code.Count == 0)
            {
                Problem(example.Line, $"'### {example.Title}' has no code block.");
            }

            page.Examples.Add(doc);
        }
    }

    private void ParseParameters(CommandPage page, Section section)
    {
        var (intro, parameters) = Split(section.Blocks, 3);
        foreach (var stray in intro.Where(b => !IsBlank(b)))
        {
            Problem(LineOf(stray), "Text in '## PARAMETERS' before the first '### -<Name>'.");
        }

        foreach (var parameter in parameters)
        {
            var title = parameter.Title.Trim();
            if (title.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase))
            {
                page.HasCommonParameters = true;
                continue;
            }

            if (title.Equals("WorkflowCommonParameters", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!title.StartsWith('-') || title.Length < 2 || title.Contains(' ', StringComparison.Ordinal))
            {
                Problem(parameter.Line, $"'### {title}' is not a parameter ('### -Name' or '### CommonParameters').");
                continue;
            }

            var doc = new ParameterDoc { Name = title[1..], Line = parameter.Line };
            var description = new List<Block>();
            var yamlBlocks = 0;
            foreach (var block in parameter.Blocks)
            {
                if (block is FencedCodeBlock fenced && (fenced.Info ?? "").Trim().Equals("yaml", StringComparison.OrdinalIgnoreCase))
                {
                    yamlBlocks++;
                    if (ParseYaml(doc, fenced) is { } metadata)
                    {
                        doc.Blocks.Add(metadata);
                    }
                }
                else if (yamlBlocks == 0)
                {
                    description.Add(block);
                }
                else if (!IsBlank(block))
                {
                    Problem(LineOf(block), $"Text after the yaml block of '-{doc.Name}'; the description goes before it.");
                }
            }

            doc.Description = PlainText.Paragraphs(description, _source).Where(p => p.Length > 0).ToList();
            if (yamlBlocks == 0)
            {
                Problem(parameter.Line, $"'### -{doc.Name}' has no ```yaml block (Type, Parameter Sets, Aliases, Required, Position, ...).");
            }

            if (page.Parameters.Any(p => p.Name.Equals(doc.Name, StringComparison.OrdinalIgnoreCase)))
            {
                Problem(parameter.Line, $"'### -{doc.Name}' appears twice.");
                continue;
            }

            page.Parameters.Add(doc);
        }
    }

    private ParameterBlock? ParseYaml(ParameterDoc parameter, FencedCodeBlock fenced)
    {
        var block = new ParameterBlock { Line = LineOf(fenced) };
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        for (var i = 0; i < fenced.Lines.Count; i++)
        {
            var line = fenced.Lines.Lines[i].Slice.ToString();
            var number = fenced.Lines.Lines[i].Line + 1;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var key = colon > 0 ? line[..colon].Trim() : "";
            var value = colon > 0 ? line[(colon + 1)..].Trim() : "";
            if (!KnownYamlKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                Problem(number, $"'-{parameter.Name}': '{line.Trim()}' is not one of {string.Join(", ", KnownYamlKeys.Take(8))}.");
                ok = false;
                continue;
            }

            seen.Add(key);
            switch (key.ToUpperInvariant())
            {
                case "TYPE":
                    block.Type = value;
                    break;
                case "PARAMETER SETS":
                    block.ParameterSets = List(value);
                    break;
                case "ALIASES":
                    block.Aliases = List(value);
                    break;
                case "ACCEPTED VALUES":
                    block.AcceptedValues = List(value);
                    break;
                case "REQUIRED":
                    if (Bool(value) is bool required)
                    {
                        block.Required = required;
                    }
                    else
                    {
                        Problem(number, $"'-{parameter.Name}': Required is '{value}'; use True or False.");
                        ok = false;
                    }

                    break;
                case "POSITION":
                    if (value.Equals("Named", StringComparison.OrdinalIgnoreCase))
                    {
                        block.Position = "Named";
                    }
                    else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
                    {
                        block.Position = position.ToString(CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        Problem(number, $"'-{parameter.Name}': Position is '{value}'; use Named or a number.");
                        ok = false;
                    }

                    break;
                case "DEFAULT VALUE":
                    block.DefaultValue = value.Length == 0 ? "None" : value;
                    break;
                case "ACCEPT PIPELINE INPUT":
                    var pipeline = PipelinePattern().Match(value);
                    if (!pipeline.Success)
                    {
                        Problem(number, $"'-{parameter.Name}': Accept pipeline input is '{value}'; use False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue).");
                        ok = false;
                        break;
                    }

                    block.PipelineInput = value;
                    var kinds = pipeline.Groups["kinds"].Value;
                    var isTrue = pipeline.Groups["bool"].Value.Equals("True", StringComparison.OrdinalIgnoreCase);
                    block.ByValue = isTrue && (kinds.Length == 0 || kinds.Contains("ByValue", StringComparison.OrdinalIgnoreCase));
                    block.ByPropertyName = isTrue && kinds.Contains("ByPropertyName", StringComparison.OrdinalIgnoreCase);
                    break;
                case "ACCEPT WILDCARD CHARACTERS":
                    if (Bool(value) is bool wildcards)
                    {
                        block.Wildcards = wildcards;
                    }
                    else
                    {
                        Problem(number, $"'-{parameter.Name}': Accept wildcard characters is '{value}'; use True or False.");
                        ok = false;
                    }

                    break;
                default:
                    break;
            }
        }

        foreach (var missing in RequiredYamlKeys.Where(k => !seen.Contains(k)))
        {
            Problem(block.Line, $"The yaml block of '-{parameter.Name}' has no '{missing}:'.");
            ok = false;
        }

        return ok ? block : null;
    }

    private static List<string> List(string value) =>
        value.Length == 0 || value.Equals("None", StringComparison.OrdinalIgnoreCase)
            ? []
            : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static bool? Bool(string value) =>
        value.Equals("True", StringComparison.OrdinalIgnoreCase) ? true
        : value.Equals("False", StringComparison.OrdinalIgnoreCase) ? false
        : null;

    private List<TypeDoc> ParseTypes(Section section)
    {
        var (intro, types) = Split(section.Blocks, 3);
        foreach (var stray in intro.Where(b => !IsBlank(b)))
        {
            Problem(LineOf(stray), $"Text in '## {section.Title}' before the first '### <TypeName>'.");
        }

        return types.Select(t => new TypeDoc
        {
            Name = t.Title.Trim(),
            Line = t.Line,
            Description = PlainText.Paragraphs(t.Blocks, _source).Where(p => p.Length > 0).ToList(),
        }).ToList();
    }

    /// <summary>Every set named by a parameter is in SYNTAX, and the syntax lines name only documented parameters.</summary>
    private void CheckParameterSets(CommandPage page)
    {
        var sets = page.Syntax.Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in page.Parameters)
        {
            foreach (var block in parameter.Blocks)
            {
                foreach (var set in block.ParameterSets.Where(s => !s.Equals("(All)", StringComparison.OrdinalIgnoreCase) && !sets.Contains(s)))
                {
                    Problem(block.Line, $"'-{parameter.Name}' names the parameter set '{set}', which '## SYNTAX' does not have.");
                }
            }
        }

        foreach (var syntax in page.Syntax)
        {
            foreach (var name in syntax.ParameterNames.Where(n => !page.Parameters.Any(p => p.Name.Equals(n, StringComparison.OrdinalIgnoreCase))))
            {
                Problem(syntax.Line, $"The syntax of '{syntax.Name}' names '-{name}', which '## PARAMETERS' does not document.");
            }
        }
    }

    private AboutPage? ParseAbout()
    {
        var document = Markdown.Parse(_source, Pipeline);
        var blocks = document.Where(b => b is not YamlFrontMatterBlock).ToList();
        var (beforeTitle, titles) = Split(blocks, 1);
        foreach (var stray in beforeTitle.Where(b => !IsBlank(b)))
        {
            Problem(LineOf(stray), "Text before the '# about_<Topic>' title.");
        }

        if (titles.Count == 0)
        {
            Problem(1, "The about topic has no '# about_<Topic>' title.");
            return null;
        }

        var title = titles[0];
        var page = new AboutPage { File = _file, Name = title.Title.Trim(), Line = title.Line };
        var expected = Path.GetFileNameWithoutExtension(_file);
        if (!page.Name.Equals(expected, StringComparison.OrdinalIgnoreCase))
        {
            Problem(title.Line, $"The title '# {page.Name}' does not match the file name '{expected}'.");
        }

        // PlatyPS's about template puts later sections at level 1 too (# EXAMPLES, # SEE ALSO); treat them as sections.
        var (intro, sections) = Split(title.Blocks, 2);
        sections.AddRange(titles.Skip(1));
        var shortDescription = sections.FirstOrDefault(s => s.Title.Equals("SHORT DESCRIPTION", StringComparison.OrdinalIgnoreCase));
        if (shortDescription == null || PlainText.Paragraphs(shortDescription.Blocks, _source).All(p => p.Length == 0))
        {
            Problem(title.Line, "The about topic has no '## SHORT DESCRIPTION' with text.");
        }
        else
        {
            page.ShortDescription = string.Join(" ", PlainText.Paragraphs(shortDescription.Blocks, _source));
        }

        if (!sections.Any(s => s.Title.Equals("LONG DESCRIPTION", StringComparison.OrdinalIgnoreCase)))
        {
            Problem(title.Line, "The about topic has no '## LONG DESCRIPTION'.");
        }

        page.Text = AboutRenderer.Render(page.Name, intro, sections.Select(s => (s.Title, s.Blocks)), _source);
        return page;
    }

    [GeneratedRegex(@"^(?<name>[^\s()]+)(?<default>\s+\(Default\))?$", RegexOptions.IgnoreCase)]
    private static partial Regex SetHeadingPattern();

    [GeneratedRegex(@"(?<![\w-])-(?<name>[A-Za-z_][\w]*)")]
    private static partial Regex SyntaxParameterPattern();

    [GeneratedRegex(@"^(?<bool>True|False)(\s*\((?<kinds>[^)]*)\))?$", RegexOptions.IgnoreCase)]
    private static partial Regex PipelinePattern();

    [GeneratedRegex(@"\{\{[^}]*\}\}")]
    private static partial Regex PlaceholderPattern();
}
