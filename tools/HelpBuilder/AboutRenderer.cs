using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace HelpBuilder;

/// <summary>Renders an about topic as the classic about_*.help.txt text: TOPIC, then upper-case section names with text indented four columns.</summary>
internal static class AboutRenderer
{
    private const int Indent = 4;

    public static string Render(string name, IEnumerable<Block> intro, IEnumerable<(string Title, List<Block> Blocks)> sections, string source)
    {
        var text = new StringBuilder();
        text.Append("TOPIC\n").Append(' ', Indent).Append(name).Append('\n');
        RenderBlocks(intro, source, text, Indent);
        foreach (var (title, blocks) in sections)
        {
            text.Append('\n').Append(title.ToUpperInvariant()).Append('\n');
            RenderBlocks(blocks, source, text, Indent);
        }

        return text.ToString().TrimEnd() + "\n";
    }

    private static void RenderBlocks(IEnumerable<Block> blocks, string source, StringBuilder text, int indent)
    {
        var first = true;
        foreach (var block in blocks)
        {
            var before = text.Length;
            if (!first && block is not BlankLineBlock)
            {
                text.Append('\n');
            }

            if (!RenderBlock(block, source, text, indent))
            {
                text.Length = before;
                continue;
            }

            first = false;
        }
    }

    private static bool RenderBlock(Block block, string source, StringBuilder text, int indent)
    {
        switch (block)
        {
            case HeadingBlock heading:
                // ### and deeper: a sub-heading at the text's indent.
                text.Append(' ', indent).Append(PlainText.Inline(heading.Inline)).Append('\n');
                return true;
            case ParagraphBlock paragraph:
                foreach (var line in PlainText.Wrap(PlainText.Inline(paragraph.Inline), indent, indent))
                {
                    text.Append(line).Append('\n');
                }

                return true;
            case CodeBlock code:
                foreach (var line in PlainText.Code(code).Split('\n'))
                {
                    text.Append(line.Length == 0 ? "" : new string(' ', indent + Indent) + line).Append('\n');
                }

                return true;
            case Table table:
                foreach (var line in PlainText.Source(table, source).Split('\n'))
                {
                    text.Append(' ', indent).Append(line.Trim()).Append('\n');
                }

                return true;
            case ListBlock list:
                var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var bullet = list.IsOrdered ? $"{number++}. " : "- ";
                    var itemText = new StringBuilder();
                    RenderBlocks(item, source, itemText, indent + bullet.Length);
                    var rendered = itemText.ToString();
                    if (rendered.Length >= indent + bullet.Length)
                    {
                        rendered = new string(' ', indent) + bullet + rendered[(indent + bullet.Length)..];
                    }

                    text.Append(rendered);
                }

                return true;
            case QuoteBlock quote:
                RenderBlocks(quote, source, text, indent + Indent);
                return true;
            default:
                return false;
        }
    }
}
