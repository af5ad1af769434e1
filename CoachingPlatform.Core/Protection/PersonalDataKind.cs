namespace CoachingPlatform.Core.Protection;

/// <summary>
/// What a protected value is. Each kind has its own Data Protection purpose, so a ciphertext of one kind never
/// decrypts as another (an email column cannot be made to reveal a transcript, and vice versa).
/// </summary>
public enum PersonalDataKind
{
    ClientEmail,
    Transcript,
}
