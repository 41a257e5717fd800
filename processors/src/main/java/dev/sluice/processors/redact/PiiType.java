package dev.sluice.processors.redact;

/** Kinds of personal data the detector finds; the name is the placeholder prefix ({@code <EMAIL_1>}). */
public enum PiiType {
    EMAIL, PHONE, CREDIT_CARD, IBAN, US_SSN, IP, URL, DATE, SECRET, NATIONAL_ID, VAT_ID, PERSON, LOCATION, ORGANIZATION;
}
