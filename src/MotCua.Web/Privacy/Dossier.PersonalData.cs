namespace MotCua.Web.Dossiers;

internal sealed partial class Dossier
{
    /// <summary>
    /// The citizen corrects how to reach them (address, phone, email): Law 91/2025/QH15 gives the data subject the right to
    /// see and correct their data (Art. 4). The name and identity number stay as the desk checked them at intake: those are
    /// corrected at the desk, against the papers, not from an account.
    /// </summary>
    public RuleBroken? CorrectOwnerContact(string address, string? phone, string? email)
    {
        if (PersonalDataErasedAt is not null)
        {
            return new RuleBroken("personal-data-erased", "Privacy.Erased");
        }

        _owner = _owner with { Address = address, Phone = phone, Email = email };
        Version++;
        return null;
    }

    /// <summary>The desk corrects the owner's data, identity included, against the papers (<c>Privacy/CorrectDossierOwner</c>).</summary>
    public RuleBroken? CorrectOwner(Party corrected)
    {
        if (PersonalDataErasedAt is not null)
        {
            return new RuleBroken("personal-data-erased", "Privacy.Erased");
        }

        _owner = corrected;
        Version++;
        return null;
    }

    /// <summary>
    /// Erases the people's data once the retention period has ended (Law 91/2025/QH15, Art. 14: deletion when the storage
    /// period set by law ends): names, identity numbers, contacts, the summary they wrote, the link to their account and
    /// every file. The code, procedure, units, dates and outcome stay for the statistics. Returns the files to delete from disk.
    /// </summary>
    public IReadOnlyList<DossierFile> ErasePersonalData(DateTime at)
    {
        var files = Files.ToList();
        _owner = new Party("", IdentityDocument.Other, "", "", null, null);
        _submitter = null;
        _summary = null;
        _citizenAccountId = null;
        Files.Clear();
        PersonalDataErasedAt = at;
        Version++;
        return files;
    }
}
