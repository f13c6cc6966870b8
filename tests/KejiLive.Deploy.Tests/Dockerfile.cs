using System.Text.RegularExpressions;

namespace KejiLive.Deploy.Tests;

/// <summary>One instruction of a Dockerfile (keyword upper-cased, continuation lines joined).</summary>
public sealed record DockerInstruction(string Keyword, string Arguments);

/// <summary>A Dockerfile read into stages: enough of the format to check what the images must hold.</summary>
public sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<IReadOnlyList<DockerInstruction>> stages) => Stages = stages;

    /// <summary>The build stages in order, each starting with its FROM.</summary>
    public IReadOnlyList<IReadOnlyList<DockerInstruction>> Stages { get; }

    /// <summary>The stage the image is made of (the last one).</summary>
    public IReadOnlyList<DockerInstruction> Final => Stages[^1];

    /// <summary>Reads a Dockerfile given relative to the repository root.</summary>
    public static Dockerfile Load(string relative)
    {
        var stages = new List<List<DockerInstruction>>();
        var pending = "";
        foreach (var raw in Repo.Read(relative).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (pending.Length == 0 && (line.TrimStart().StartsWith('#') || string.IsNullOrWhiteSpace(line))) continue;
            if (line.TrimStart().StartsWith('#')) continue; // a comment inside a continued instruction
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            var text = (pending + line).Trim();
            pending = "";
            var match = InstructionPattern().Match(text);
            Assert.True(match.Success, $"{relative}: cannot read the line '{text}'");
            var instruction = new DockerInstruction(match.Groups[1].Value.ToUpperInvariant(), Regex.Replace(match.Groups[2].Value, @"\s+", " ").Trim());
            if (instruction.Keyword == "FROM") stages.Add([]);
            Assert.True(stages.Count > 0, $"{relative}: {instruction.Keyword} before the first FROM");
            stages[^1].Add(instruction);
        }
        Assert.True(pending.Length == 0, $"{relative} ends inside a continued line");
        return new Dockerfile(stages);
    }

    [GeneratedRegex(@"^([A-Za-z]+)\s+(.*)$")]
    private static partial Regex InstructionPattern();
}
