namespace MotCua.Web.Dossiers;

/// <summary>The electronic results (giấy tờ kết quả) attached to a dossier during processing.</summary>
internal sealed partial class Dossier
{
    public bool HasResult => Files.Any(f => f.Kind == DossierFileKind.Result);

    /// <summary>Adds result files while the dossier is processed or just decided; a returned dossier is closed.</summary>
    public RuleBroken? AttachResults(IEnumerable<DossierFile> files)
    {
        if (Require(DossierState.Processing, DossierState.Processed) is { } broken)
        {
            return broken;
        }

        Files.AddRange(files.Select(f => f.Kind == DossierFileKind.Result ? f : throw new ArgumentException("Only result files.", nameof(files))));
        Version++;
        return null;
    }

    /// <summary>A result decided without any electronic result would be returned empty-handed (the share of results in the system, DESIGN.md §4.8).</summary>
    private RuleBroken? RequireResultFile() => HasResult ? null : new RuleBroken("result-missing", "Workflow.ResultMissing");
}
