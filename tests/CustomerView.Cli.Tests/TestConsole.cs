using Spectre.Console;
using Spectre.Console.Rendering;

namespace CustomerView.Cli.Tests;

/// <summary>A wide, colourless Spectre console writing into a string.</summary>
internal sealed class TestConsole : IDisposable
{
    private readonly StringWriter _writer = new();

    public TestConsole()
    {
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_writer),
        });
        Console.Profile.Width = 220;
    }

    public IAnsiConsole Console { get; }

    public string Text => _writer.ToString();

    public static string Render(IRenderable renderable)
    {
        using var console = new TestConsole();
        console.Console.Write(renderable);
        return console.Text;
    }

    public void Dispose() => _writer.Dispose();
}
