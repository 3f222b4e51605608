using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace HelpBuilder;

/// <summary>Renders markdown blocks and inlines as the plain text that Get-Help shows.</summary>
internal static class PlainText
{
    /// <summary>One string per paragraph, list item, code block or table.</summary>
    public static List<string> Paragraphs(IEnumerable<Block> blocks, string source)
    {
        var result = new List<string>();
        foreach (var block in blocks)
        {
            AddParagraphs(block, source, result, "");
        }

        return result;
    }

    private static void AddParagraphs(Block block, string source, List<string> result, string prefix)
    {
        switch (block)
        {
            case ParagraphBlock paragraph:
                result.Add(prefix + Inline(paragraph.Inline));
                break;
            case HeadingBlock heading:
                result.Add(prefix + Inline(heading.Inline));
                break;
            case CodeBlock code:
                result.Add(Code(code));
                break;
            case Table table:
                result.Add(Source(table, source));
                break;
            case ListBlock list:
                // A tight list is one paragraph with a line per item; a loose list has a paragraph per item.
                var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                var items = new List<string>();
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var bullet = list.IsOrdered ? $"{number++}. " : "- ";
                    var inner = new List<string>();
                    foreach (var child in item)
                    {
                        AddParagraphs(child, source, inner, "");
                    }

                    items.Add(prefix + bullet + string.Join("\n", inner));
                }

                if (list.IsLoose)
                {
                    result.AddRange(items);
                }
                else
                {
                    result.Add(string.Join("\n", items));
                }

                break;
            case QuoteBlock quote:
                foreach (var child in quote)
                {
                    AddParagraphs(child, source, result, prefix);
                }

                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    AddParagraphs(child, source, result, prefix);
                }

                break;
            default:
                // HTML comments, thematic breaks, link reference definitions: nothing to show.
                break;
        }
    }

    public static string Code(CodeBlock code)
    {
        var lines = code.Lines.Lines.Take(code.Lines.Count).Select(l => l.Slice.ToString());
        return string.Join("\n", lines).TrimEnd();
    }

    public static string Source(Block block, string source)
    {
        var span = block.Span;
        if (span.Start < 0 || span.End >= source.Length || span.End < span.Start)
        {
            return "";
        }

        return source.Substring(span.Start, span.Length).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
    }

    public static string Inline(ContainerInline? container)
    {
        if (container == null)
        {
            return "";
        }

        var builder = new StringBuilder();
        AppendInline(container, builder);
        return builder.ToString().Trim();
    }

    private static void AppendInline(Inline inline, StringBuilder builder)
    {
        switch (inline)
        {
            case LiteralInline literal:
                builder.Append(literal.Content.ToString());
                break;
            case CodeInline code:
                builder.Append('`').Append(code.Content).Append('`');
                break;
            case LineBreakInline lineBreak:
                builder.Append(lineBreak.IsHard ? "\n" : " ");
                break;
            case AutolinkInline autolink:
                builder.Append(autolink.Url);
                break;
            case HtmlEntityInline entity:
                builder.Append(entity.Transcoded.ToString());
                break;
            case HtmlInline:
                break;
            case LinkInline link:
                if (link.IsImage)
                {
                    break;
                }

                var start = builder.Length;
                foreach (var child in link)
                {
                    AppendInline(child, builder);
                }

                var text = builder.ToString(start, builder.Length - start);
                if (IsAbsolute(link.Url) && !string.Equals(text, link.Url, StringComparison.OrdinalIgnoreCase))
                {
                    builder.Append(" (").Append(link.Url).Append(')');
                }

                break;
            case ContainerInline container:
                // Emphasis and anything else: the text without the markup.
                foreach (var child in container)
                {
                    AppendInline(child, builder);
                }

                break;
            default:
                break;
        }
    }

    public static bool IsAbsolute(string? url) =>
        url != null && System.Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https");

    /// <summary>Links in a block tree, in document order.</summary>
    public static IEnumerable<LinkDoc> Links(IEnumerable<Block> blocks)
    {
        foreach (var block in blocks)
        {
            foreach (var leaf in block.Descendants<LeafBlock>().Prepend(block as LeafBlock))
            {
                if (leaf?.Inline == null)
                {
                    continue;
                }

                foreach (var link in leaf.Inline.Descendants<LinkInline>().Where(l => !l.IsImage))
                {
                    var text = new StringBuilder();
                    foreach (var child in link)
                    {
                        AppendInline(child, text);
                    }

                    yield return new LinkDoc { Text = text.ToString().Trim(), Uri = link.Url ?? "" };
                }

                foreach (var auto in leaf.Inline.Descendants<AutolinkInline>())
                {
                    yield return new LinkDoc { Text = auto.Url, Uri = auto.Url };
                }
            }
        }
    }

    /// <summary>Wraps text at <paramref name="width"/> columns with an indent and a hanging indent.</summary>
    public static IEnumerable<string> Wrap(string text, int indent, int hanging, int width = 80)
    {
        foreach (var hardLine in text.Split('\n'))
        {
            var words = hardLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var line = new StringBuilder(new string(' ', indent));
            var empty = true;
            foreach (var word in words)
            {
                if (!empty && line.Length + 1 + word.Length > width)
                {
                    yield return line.ToString();
                    line.Clear().Append(' ', hanging);
                    empty = true;
                }

                if (!empty)
                {
                    line.Append(' ');
                }

                line.Append(word);
                empty = false;
            }

            yield return empty ? "" : line.ToString();
            indent = hanging;
        }
    }
}
