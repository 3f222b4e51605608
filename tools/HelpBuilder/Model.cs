namespace HelpBuilder;

/// <summary>One problem in a page, reported as <c>file:line: message</c>.</summary>
public sealed record DocProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>Everything parsed from one docs folder.</summary>
public sealed class DocSet
{
    public List<CommandPage> Commands { get; set; } = [];
    public List<AboutPage> Abouts { get; set; } = [];
    public List<DocProblem> Problems { get; set; } = [];
}

public sealed class CommandPage
{
    public string File { get; set; } = "";
    public string Name { get; set; } = "";
    public int Line { get; set; }
    public Dictionary<string, string> FrontMatter { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public string ExternalHelpFile { get; set; } = "";
    public string? ModuleName { get; set; }
    public string? OnlineVersion { get; set; }
    public List<string> Synopsis { get; set; } = [];
    public int SynopsisLine { get; set; }
    public List<string> Description { get; set; } = [];
    public int DescriptionLine { get; set; }
    public List<SyntaxSet> Syntax { get; set; } = [];
    public List<ExampleDoc> Examples { get; set; } = [];
    public int ExamplesLine { get; set; }
    public List<ParameterDoc> Parameters { get; set; } = [];
    public bool HasCommonParameters { get; set; }
    public List<TypeDoc> Inputs { get; set; } = [];
    public List<TypeDoc> Outputs { get; set; } = [];
    public List<string> Notes { get; set; } = [];
    public List<LinkDoc> Links { get; set; } = [];
    public List<Placeholder> Placeholders { get; set; } = [];

    public string Verb => Name.Contains('-', StringComparison.Ordinal) ? Name[..Name.IndexOf('-', StringComparison.Ordinal)] : Name;

    public string Noun => Name.Contains('-', StringComparison.Ordinal) ? Name[(Name.IndexOf('-', StringComparison.Ordinal) + 1)..] : "";
}

public sealed class SyntaxSet
{
    public string Name { get; set; } = "";
    public bool IsDefault { get; set; }
    public int Line { get; set; }
    public string Text { get; set; } = "";
    /// <summary>The -Names in the syntax block, in their order.</summary>
    public List<string> ParameterNames { get; set; } = [];
}

public sealed class ExampleDoc
{
    public string Title { get; set; } = "";
    public int Line { get; set; }
    public List<CodeSnippet> Code { get; set; } = [];
    public List<string> Remarks { get; set; } = [];
}

public sealed class CodeSnippet
{
    public string Language { get; set; } = "";
    public int Line { get; set; }
    public string Text { get; set; } = "";
}

public sealed class ParameterDoc
{
    public string Name { get; set; } = "";
    public int Line { get; set; }
    public List<string> Description { get; set; } = [];
    public List<ParameterBlock> Blocks { get; set; } = [];

    public bool IsSwitch => Blocks.Count > 0 && Blocks[0].Type.EndsWith("SwitchParameter", StringComparison.OrdinalIgnoreCase);
}

/// <summary>One ```yaml block of a parameter; a parameter whose metadata differs between sets has several.</summary>
public sealed class ParameterBlock
{
    public int Line { get; set; }
    public string Type { get; set; } = "";
    /// <summary>Set names; <c>(All)</c> stays as written.</summary>
    public List<string> ParameterSets { get; set; } = [];
    public List<string> Aliases { get; set; } = [];
    public bool Required { get; set; }
    /// <summary><c>Named</c> or a number.</summary>
    public string Position { get; set; } = "Named";
    public string DefaultValue { get; set; } = "None";
    public string PipelineInput { get; set; } = "False";
    public bool ByValue { get; set; }
    public bool ByPropertyName { get; set; }
    public bool Wildcards { get; set; }
    public List<string> AcceptedValues { get; set; } = [];

    public bool InAllSets => ParameterSets.Count == 0 || ParameterSets.Any(s => s.Equals("(All)", StringComparison.OrdinalIgnoreCase));

    public bool InSet(string set) => InAllSets || ParameterSets.Contains(set, StringComparer.OrdinalIgnoreCase);
}

public sealed class TypeDoc
{
    public string Name { get; set; } = "";
    public int Line { get; set; }
    public List<string> Description { get; set; } = [];
}

public sealed class LinkDoc
{
    public string Text { get; set; } = "";
    public string Uri { get; set; } = "";
}

public sealed class Placeholder
{
    public int Line { get; set; }
    public string Text { get; set; } = "";
}

public sealed class AboutPage
{
    public string File { get; set; } = "";
    public string Name { get; set; } = "";
    public int Line { get; set; }
    public string ShortDescription { get; set; } = "";
    /// <summary>The plain-text rendering written to about_*.help.txt.</summary>
    public string Text { get; set; } = "";
}
