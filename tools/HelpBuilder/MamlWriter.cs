using System.Text;
using System.Xml;

namespace HelpBuilder;

/// <summary>Writes MAML in the shape PlatyPS's New-ExternalHelp produces.</summary>
internal static class MamlWriter
{
    private const string Msh = "http://msh";
    private const string Maml = "http://schemas.microsoft.com/maml/2004/10";
    private const string Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private const string MsHelp = "http://msdn.microsoft.com/mshelp";

    public static void Write(string path, IEnumerable<CommandPage> commands)
    {
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var writer = XmlWriter.Create(path, settings);
        writer.WriteStartDocument();
        writer.WriteStartElement("helpItems", Msh);
        writer.WriteAttributeString("schema", "maml");
        foreach (var command in commands)
        {
            WriteCommand(writer, command);
        }

        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    private static void WriteCommand(XmlWriter w, CommandPage page)
    {
        w.WriteStartElement("command", "command", Command);
        w.WriteAttributeString("xmlns", "maml", null, Maml);
        w.WriteAttributeString("xmlns", "command", null, Command);
        w.WriteAttributeString("xmlns", "dev", null, Dev);
        w.WriteAttributeString("xmlns", "MSHelp", null, MsHelp);

        w.WriteStartElement("command", "details", Command);
        w.WriteElementString("command", "name", Command, page.Name);
        w.WriteElementString("command", "verb", Command, page.Verb);
        w.WriteElementString("command", "noun", Command, page.Noun);
        WriteDescription(w, page.Synopsis);
        w.WriteEndElement();

        WriteDescription(w, page.Description);

        w.WriteStartElement("command", "syntax", Command);
        foreach (var set in page.Syntax)
        {
            w.WriteStartElement("command", "syntaxItem", Command);
            w.WriteElementString("maml", "name", Maml, page.Name);
            foreach (var (parameter, block) in SyntaxParameters(page, set))
            {
                WriteParameter(w, parameter, block, inSyntax: true);
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("command", "parameters", Command);
        foreach (var parameter in page.Parameters.Where(p => p.Blocks.Count > 0))
        {
            WriteParameter(w, parameter, parameter.Blocks[0], inSyntax: false);
        }

        w.WriteEndElement();

        WriteTypes(w, "inputTypes", "inputType", page.Inputs);
        WriteTypes(w, "returnValues", "returnValue", page.Outputs);

        w.WriteStartElement("maml", "alertSet", Maml);
        if (page.Notes.Count > 0)
        {
            w.WriteStartElement("maml", "alert", Maml);
            WriteParas(w, page.Notes);
            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("command", "examples", Command);
        foreach (var example in page.Examples)
        {
            w.WriteStartElement("command", "example", Command);
            w.WriteElementString("maml", "title", Maml, $"-------------------------- {example.Title} --------------------------");
            w.WriteElementString("dev", "code", Dev, string.Join("\n\n", example.Code.Select(c => c.Text)));
            w.WriteStartElement("dev", "remarks", Dev);
            WriteParas(w, example.Remarks);
            // An empty last paragraph: Get-Help then leaves a blank line before the next example's title.
            w.WriteElementString("maml", "para", Maml, "");
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("command", "relatedLinks", Command);
        var links = new List<LinkDoc>();
        if (PlainText.IsAbsolute(page.OnlineVersion))
        {
            links.Add(new LinkDoc { Text = "Online Version:", Uri = page.OnlineVersion! });
        }

        links.AddRange(page.Links);
        foreach (var link in links)
        {
            w.WriteStartElement("maml", "navigationLink", Maml);
            w.WriteElementString("maml", "linkText", Maml, link.Text);
            // Relative links (Other-Cmdlet.md) mean nothing to Get-Help; the link text names the command.
            w.WriteElementString("maml", "uri", Maml, PlainText.IsAbsolute(link.Uri) ? link.Uri : "");
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>The parameters of one set, in the order its syntax line names them, then any others in PARAMETERS order.</summary>
    private static IEnumerable<(ParameterDoc Parameter, ParameterBlock Block)> SyntaxParameters(CommandPage page, SyntaxSet set)
    {
        var members = page.Parameters
            .Select(p => (Parameter: p, Block: p.Blocks.FirstOrDefault(b => !b.InAllSets && b.InSet(set.Name)) ?? p.Blocks.FirstOrDefault(b => b.InSet(set.Name))))
            .Where(m => m.Block != null)
            .Select(m => (m.Parameter, Block: m.Block!))
            .ToList();
        int Rank(ParameterDoc p)
        {
            var index = set.ParameterNames.FindIndex(n => n.Equals(p.Name, StringComparison.OrdinalIgnoreCase));
            return index < 0 ? int.MaxValue : index;
        }

        return members.Select((m, i) => (m, i)).OrderBy(x => Rank(x.m.Parameter)).ThenBy(x => x.i).Select(x => x.m);
    }

    private static void WriteParameter(XmlWriter w, ParameterDoc parameter, ParameterBlock block, bool inSyntax)
    {
        w.WriteStartElement("command", "parameter", Command);
        w.WriteAttributeString("required", block.Required ? "true" : "false");
        w.WriteAttributeString("variableLength", "true");
        w.WriteAttributeString("globbing", block.Wildcards ? "true" : "false");
        w.WriteAttributeString("pipelineInput", block.PipelineInput);
        w.WriteAttributeString("position", block.Position.Equals("Named", StringComparison.OrdinalIgnoreCase) ? "named" : block.Position);
        w.WriteAttributeString("aliases", block.Aliases.Count == 0 ? "none" : string.Join(", ", block.Aliases));
        w.WriteElementString("maml", "name", Maml, parameter.Name);
        WriteDescription(w, parameter.Description);
        if (block.AcceptedValues.Count > 0)
        {
            w.WriteStartElement("command", "parameterValueGroup", Command);
            foreach (var value in block.AcceptedValues)
            {
                w.WriteStartElement("command", "parameterValue", Command);
                w.WriteAttributeString("required", "false");
                w.WriteAttributeString("command", "variableLength", Command, "false");
                w.WriteString(value);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        var isSwitch = block.Type.EndsWith("SwitchParameter", StringComparison.OrdinalIgnoreCase);
        if (!isSwitch || !inSyntax)
        {
            w.WriteStartElement("command", "parameterValue", Command);
            w.WriteAttributeString("required", isSwitch ? "false" : "true");
            w.WriteAttributeString("variableLength", "false");
            w.WriteString(block.Type);
            w.WriteEndElement();
        }

        w.WriteStartElement("dev", "type", Dev);
        w.WriteElementString("maml", "name", Maml, block.Type);
        w.WriteElementString("maml", "uri", Maml, "");
        w.WriteEndElement();
        w.WriteElementString("dev", "defaultValue", Dev, block.DefaultValue);
        w.WriteEndElement();
    }

    private static void WriteTypes(XmlWriter w, string listName, string itemName, List<TypeDoc> types)
    {
        w.WriteStartElement("command", listName, Command);
        foreach (var type in types)
        {
            w.WriteStartElement("command", itemName, Command);
            w.WriteStartElement("dev", "type", Dev);
            w.WriteElementString("maml", "name", Maml, type.Name);
            w.WriteEndElement();
            WriteDescription(w, type.Description);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteDescription(XmlWriter w, List<string> paragraphs)
    {
        w.WriteStartElement("maml", "description", Maml);
        WriteParas(w, paragraphs);
        w.WriteEndElement();
    }

    private static void WriteParas(XmlWriter w, List<string> paragraphs)
    {
        foreach (var paragraph in paragraphs)
        {
            w.WriteElementString("maml", "para", Maml, paragraph);
        }
    }
}
