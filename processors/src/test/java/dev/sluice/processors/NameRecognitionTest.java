package dev.sluice.processors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.processors.redact.PiiDetector;
import dev.sluice.processors.redact.PiiFinding;
import dev.sluice.processors.redact.PiiType;
import dev.sluice.processors.redact.Redactor;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** People, places, addresses and organisations: sentences written for this test, not taken from evaluation data. */
class NameRecognitionTest {

    private final PiiDetector detector = new PiiDetector();

    private List<String> found(String text) {
        return detector.detect(text, "US").stream().map(f -> f.type() + ":" + f.value()).toList();
    }

    @Test
    void shouldFindPeopleByListsCuesAndCapitals() {
        assertThat(found("Please forward the contract to Margaret Okonkwo before Friday."))
                .containsExactly("PERSON:Margaret Okonkwo");
        // no list knows "Thandeka Mbatha-Zulu", but a title and a verb of saying do
        assertThat(found("Yesterday Dr. Thandeka Mbatha-Zulu said the results were fine."))
                .containsExactly("PERSON:Thandeka Mbatha-Zulu");
        assertThat(found("The refund for Jean-Luc van der Berg is pending.")).containsExactly("PERSON:Jean-Luc van der Berg");
        assertThat(found("my name is priya raghunathan and i need help")).containsExactly("PERSON:priya raghunathan");
    }

    @Test
    void aFirstNameThatIsAlsoAWordShouldStayWithItsFamilyNameAtTheStartOfASentence() {
        // "john", "maria", "jasmine" are words too; a sentence's first word was dropped as a mere capital, and the
        // redacted text kept the first name beside the placeholder
        assertThat(found("John Smith approved the refund.")).containsExactly("PERSON:John Smith");
        assertThat(found("Maria Lopez approved the refund.")).containsExactly("PERSON:Maria Lopez");
        assertThat(found("Reporting party: Jasmine Whitaker, front desk.")).containsExactly("PERSON:Jasmine Whitaker");
        assertThat(found("Ken N. Fukuda lives here.")).containsExactly("PERSON:Ken N. Fukuda");
        // before a common word the first word is the sentence's capital
        assertThat(found("Will Payment be due on Friday?")).isEmpty();
        assertThat(found("Mark Down the prices by ten percent.")).isEmpty();
    }

    @Test
    void languagesAndTheFirstWordOfAQuotationShouldNotBeRedacted() {
        // a language is no place and no person: "reply in Spanish" had Spanish redacted as a LOCATION
        assertThat(found("From now on, please reply in Spanish.")).isEmpty();
        assertThat(found("I want you to act as a Spanish tutor and correct my Portuguese too.")).isEmpty();
        // a language whose name is a person's name too stays a name before a family name
        assertThat(found("Please ask Tamil Selvan about the invoice.")).containsExactly("PERSON:Tamil Selvan");
        // a quotation opens a sentence: its first word's capital proves nothing
        assertThat(found("Proofread: 'As an AI assistant rollout lead, I own the plan.'")).isEmpty();
        assertThat(found("Summarise this HR announcement: 'From January, the annual leave carry-over is five days.'")).isEmpty();
        assertThat(found("He wrote: 'Priya will call you.'")).containsExactly("PERSON:Priya");
        // "My" is a first name in the lists too, but a pronoun opens the sentence
        assertThat(found("My Dockerfile runs as root.")).doesNotContain("PERSON:My Dockerfile");
    }

    @Test
    void aFormsFieldLabelsShouldNotBeRedactedButItsValuesShould() {
        // "Holder" and "Date" are family names in the lists; at a line's start before a colon they label a field
        assertThat(found("Account Holder: Priya Nair\nAccount Type: Savings\nDue Date: 2026-12-01"))
                .containsExactly("PERSON:Priya Nair", "DATE:2026-12-01");
        assertThat(found("Ticket Status: Open\nAssigned Group: Service Desk\nCost Centre: Marketing EMEA")).isEmpty();
        // a speaker's name in a transcript opens with a first name, a title makes a person: both stay names
        assertThat(found("Jane Smith: I sent the invoice.\nMr Holder: Thanks, received.")).containsExactly("PERSON:Jane Smith", "PERSON:Holder");
    }

    @Test
    void sumsAcronymsAndSeasonsShouldNotBePlacesOrPeople() {
        // "Under" and "Over" are street words of some locale's list; with an amount after them they opened an address
        assertThat(found("Under 5,000 EUR the manager approves alone.")).isEmpty();
        assertThat(found("Over 40 units ship free.")).isEmpty();
        // an acronym at a sentence's end keeps its full stop and was a place in capitals
        assertThat(found("Enable two-factor authentication on our VPN.")).isEmpty();
        assertThat(found("The ticket costs 400 USD.")).isEmpty();
        assertThat(found("The warehouse opens in Spring 2026.")).isEmpty();
        // a month's abbreviation beside a number is the month, and a day's name before a weekday is the day's
        assertThat(found("Turn these into a narrative: Jan 120k, Feb 135k, Mar 128k.")).isEmpty();
        assertThat(found("Jan Kowalski called on 3 Jan.")).containsExactly("PERSON:Jan Kowalski");
        assertThat(found("Write three subject lines for our Black Friday campaign.")).isEmpty();
        // a firm in capitals with its suffix is the firm, not a place called "LTD"
        assertThat(found("Pay ACME LTD by Friday.")).containsExactly("ORGANIZATION:ACME LTD");
        // streets with a name stay streets
        assertThat(found("Ciao, questo è il nuovo indirizzo: via Roma 5. Aggiorna il contatto.")).containsExactly("LOCATION:via Roma 5");
        assertThat(found("Please ship it to Parijsstraat 8, Antwerpen.")).containsExactly("LOCATION:Parijsstraat 8, Antwerpen");
    }

    @Test
    void productNamesShouldNotBeReadAsPeople() {
        // no word list holds them, and an unknown capitalised word was a person at 0.45
        assertThat(found("My Terraform plan wants to destroy the database.")).isEmpty();
        assertThat(found("How do I reset the root password on an Ubuntu server?")).isEmpty();
        assertThat(found("Why does my Kotlin coroutine ignore cancellation?")).isEmpty();
        // the plural of a common word is common, though the word list lacks it; a family name ending so stays a name
        assertThat(found("Classify the tickets by area: Billing, Login, Integrations.")).isEmpty();
        // also in "-es" after a sibilant, which the list lacks as often
        assertThat(found("Sort the tickets into categories: Boxes, Branches, Witnesses and Mailboxes.")).isEmpty();
        assertThat(found("Please send it to Tyra Banks.")).containsExactly("PERSON:Tyra Banks");
        // a family name that is also a brand stays a name where the lists know it as one
        assertThat(found("Please ask Margaret Abbott for the figures.")).containsExactly("PERSON:Margaret Abbott");
    }

    @Test
    void wordsWrittenAsProductsAndIdentifiersShouldNotBeNames() {
        // a capital inside the word after a small letter: how products are written, not people
        assertThat(found("Our ServiceNow change request was rejected; write a LinkedIn post about the DocuSign rollout.")).isEmpty();
        assertThat(found("Explain deferred revenue with an example from a SaaS subscription.")).isEmpty();
        // after "by" or "with" alone too, and a brand written with other capitals
        assertThat(found("You are a large language model trained by OpenAI. Ask about the Langchain docs, built with Langchain.")).isEmpty();
        // names written so have a particle or a first name before the inner capital, and a cue still makes a person
        assertThat(found("Please ask Hannah McConnan and Paul MacLeod for the figures.")).containsExactly("PERSON:Hannah McConnan", "PERSON:Paul MacLeod");
        assertThat(found("Her maiden name is LeBatelier.")).containsExactly("PERSON:LeBatelier");
        // an acronym that opens a word, beside a constant or a word of the language; not an elided particle, not a firm's form
        assertThat(found("Use the URLEncoder, not the XPath helper; static final RegexTokenizer INSTANCE = new RegexTokenizer();")).isEmpty();
        assertThat(found("Use the format SQLQuery: the query, SQLResult: its result.")).isEmpty();
        assertThat(found("Please send the file to Sean OConnor.")).containsExactly("PERSON:Sean OConnor");
        assertThat(found("The invoice of 14 May is from Acme GmbH.")).contains("ORGANIZATION:Acme GmbH");
        // a part of an identifier
        assertThat(found("The Snowflake warehouse FINANCE_WH keeps suspending.")).isEmpty();
        // common words joined by "and" are a list of things, not a firm; with a name among them they make one
        assertThat(found("Explain how single sign-on works with Slack and Zoom.")).isEmpty();
        assertThat(found("The contract with Procter and Gamble expires in May.")).containsExactly("ORGANIZATION:Procter and Gamble");
    }

    @Test
    void aVersionNumberShouldNotBeAHouseNumber() {
        assertThat(found("Rotate the certificate on a proxy running on Ubuntu 22.04 tonight.")).isEmpty();
        assertThat(found("The parcel went to 14 Harbour Road yesterday.")).containsExactly("LOCATION:14 Harbour Road");
    }

    @Test
    void aSnippetOfCodeWithoutCapitalsShouldHaveNoPeopleInItsVariables() {
        // in a text without capitals a name the lists know is read as a name ("len", "sep" are first names): not beside code's marks
        assertThat(found("for (int i = 0; i < len; i++) { total += len; }\nreturn len;")).isEmpty();
        assertThat(found("base = os.path.dirname(path) + os.sep\nn = len(base)")).isEmpty();
        // a chat typed in lower case still names its people
        assertThat(found("hi, this is priya raghunathan, my order never arrived (the blue one)")).containsExactly("PERSON:priya raghunathan");
    }

    @Test
    void aWordBeforeWhatSoftwareHasShouldBeTheSoftware() {
        // "Kafka" and "Jenkins" are family names in the lists, "Okta" a first name and a brand
        assertThat(found("The latency doubled since the Kafka upgrade; is our Jenkins pipeline to blame?")).isEmpty();
        assertThat(found("Explain how our Okta single sign-on works.")).isEmpty();
        // and before an acronym and a small word: "Power" a word of the language, "Okta" a brand
        assertThat(found("Our Power BI report refresh fails, and Okta MFA prompts appear twice.")).isEmpty();
        // a name the lists know stays a name there, and letters after a name that say what the person is keep it one
        assertThat(found("Please ask Patel HR about the leave request.")).containsExactly("PERSON:Patel");
        assertThat(found("The form was signed by Okafor MD yesterday.")).containsExactly("PERSON:Okafor");
        // before other nouns, or with a person's cue, a name stays a name
        assertThat(found("Unlike the Jensen novel, it is short.")).containsExactly("PERSON:Jensen");
        assertThat(found("Please ask Mr Jenkins about the pipeline.")).containsExactly("PERSON:Jenkins");
    }

    @Test
    void aTradeEndingTheNameShouldMakeAFirm() {
        assertThat(found("Prepare a cover letter for the tender from Brightwater Utilities.")).containsExactly("ORGANIZATION:Brightwater Utilities");
        assertThat(found("Fatima joined Northwind Traders in 2019.")).contains("ORGANIZATION:Northwind Traders");
        // a sentence's first word before a name no word list holds is the sentence's; a firm named by words keeps them
        assertThat(found("Contact Initech GmbH about the renewal.")).containsExactly("ORGANIZATION:Initech GmbH");
        assertThat(found("General Electric Company announced a merger.")).containsExactly("ORGANIZATION:General Electric Company");
    }

    @Test
    void postcodesOfCapitalsAndDigitsShouldStayWithTheirAddress() {
        // the town is a common word, the postcode no number: both were left in the clear after the street
        assertThat(found("Update the address to 14 Harbour Road, Cork T12 X8K2, Ireland."))
                .containsExactly("LOCATION:14 Harbour Road, Cork T12 X8K2, Ireland");
        assertThat(found("Ship it to 3 Queen Square, Bath BA1 1LZ by Friday.")).containsExactly("LOCATION:3 Queen Square, Bath BA1 1LZ");
        // a line that goes on as prose after the country and postcode
        assertThat(found("Please send a new one to 14 Crown Street\n Suite 321\n LONDON\n United Kingdom 75419? I am away."))
                .containsExactly("LOCATION:14 Crown Street\n Suite 321\n LONDON\n United Kingdom 75419");
    }

    @Test
    void anAddressAfterANameAndACommaShouldBeFoundWhole() {
        // a house number after a comma and a space is no number's fraction; a French street's "des" is a particle
        assertThat(found("Mes coordonnées : Julien Garnier, 18 rue des Tanneurs, 69001 Lyon, IBAN FR76 3000 6000 0112 3456 7890 189."))
                .contains("PERSON:Julien Garnier", "LOCATION:18 rue des Tanneurs, 69001 Lyon", "IBAN:FR76 3000 6000 0112 3456 7890 189");
        // a Dutch canal is a street
        assertThat(found("Nieuwe huurder: Thomas de Vries, Prinsengracht 412, 1016 JD Amsterdam."))
                .contains("PERSON:Thomas de Vries", "LOCATION:Prinsengracht 412, 1016 JD Amsterdam");
    }

    @Test
    void capitalsInASentenceAndRangesOfDaysShouldNotBePlacesOrFirms() {
        assertThat(found("List the steps to rotate a certificate on an NGINX reverse proxy.")).isEmpty();
        assertThat(found("Write a FAQ about the Tuesday-Thursday office days.")).isEmpty();
        // a town in capitals after a place's cue, or in an address block, is still a town
        assertThat(found("She studied journalism at the University of PORVOO.")).containsExactly("LOCATION:PORVOO");
        assertThat(found("I'm in VARDOHUS, at the conference.")).containsExactly("LOCATION:VARDOHUS");
        // a form's label for a place before a colon
        assertThat(found("Role: Procurement Analyst\nLocation: Leeds")).containsExactly("LOCATION:Leeds");
        assertThat(found("Ship it to:\nAnna Lindqvist\nStorgatan 12\n741 40 KNIVSTA")).contains("LOCATION:KNIVSTA");
        assertThat(found("Deliver to 4 Mill Lane\nTREMORVAH\nTR1 4QP")).anyMatch(f -> f.startsWith("LOCATION:") && f.contains("TREMORVAH"));
        // a heading, a section's label or an acronym in capitals, with no address's numbers near, is none
        assertThat(found("# OUPTUT\n- CONSISTENCE OF RESULTS (give a short description)\nCheck the SPF, DKIM, DMARC, and ARC results.")).isEmpty();
        // a place or a surname that is a word of the language, before more words in capitals, is that word
        assertThat(found("In a section called SALES CALL ANALYSIS OVERVIEW, give a summary. Our SALES TEAM meets on Monday.")).isEmpty();
        assertThat(found("Ship it to SALES, Brazil.")).contains("LOCATION:SALES");
        assertThat(found("DEAR SMITH, THANK YOU")).containsExactly("PERSON:SMITH");
        assertThat(found("MR BAKER WILL CALL")).containsExactly("PERSON:BAKER");
    }

    @Test
    void aWordNoListKnowsWithACommonNounsEndingShouldNotBeAPerson() {
        // a section's label or a sentence's start in a task prompt
        assertThat(found("Ideation: collect ideas from the team.\nDifferentiator: the tool sorts ideas by market.\n"
                + "Gamification encourages more active participation.")).isEmpty();
        // a first name the lists hold keeps its person, an unknown word without such an ending too
        assertThat(found("Clement Dubois called about the invoice.")).containsExactly("PERSON:Clement Dubois");
        assertThat(found("Zephyrine: can you check my order?")).containsExactly("PERSON:Zephyrine");
        // a newer verb's "-ing" form: a word or two of the language before "-ing"
        assertThat(found("Onboarding begins next week.\nPlaytesting starts on Monday.\nUpskilling: two courses a year.")).isEmpty();
        // names that end so and leave no word keep their person
        assertThat(found("Xiaoming signed the form.")).containsExactly("PERSON:Xiaoming");
    }

    @Test
    void programmingProductsAndCompoundsShouldNotBeNames() {
        assertThat(found("Why does this Java method throw an exception? I have five years of Kafka experience.")).isEmpty();
        assertThat(found("How do I enable debug logging in Spring Boot?")).isEmpty();
        assertThat(found("You are a JSON-only API. Opening hours: Mon-Fri 9-18.")).isEmpty();
        // a brand that is a person's name stays a name
        assertThat(found("Please forward the invoice to Calvin Klein.")).containsExactly("PERSON:Calvin Klein");
    }

    @Test
    void aSentenceInAnotherLanguageInsideAnEnglishRequestShouldBeReadAsThatLanguage() {
        // German capitalises its nouns and its polite "you": no people in these
        assertThat(found("Classify the intent of this message. Message: Bitte stornieren Sie meine Bestellung und ignorieren Sie die vorherige E-Mail.")).isEmpty();
        assertThat(found("Reply to the letter. Letter: Sehr geehrte Damen und Herren, wir bitten um Zusendung der Unterlagen.")).isEmpty();
        // a name a list knows, or one with a cue, is still found there
        assertThat(found("Translate this: Bitte rufen Sie Frau Schneider morgen an.")).containsExactly("PERSON:Frau Schneider");
        // and English sentences beside it are read as English
        assertThat(found("Message: Wir sehen uns morgen im Büro. Forward it to Jasmine Whitaker.")).containsExactly("PERSON:Jasmine Whitaker");
    }

    @Test
    void placesJoinedByAndShouldBePlacesNotAFirm() {
        assertThat(found("The Dublin and Madrid offices close at 3 pm.")).containsExactly("LOCATION:Dublin", "LOCATION:Madrid");
        assertThat(found("Which time zone suits a meeting between London and New York?")).containsExactly("LOCATION:London", "LOCATION:New York");
        // with a name among them, still a firm
        assertThat(found("The contract with Procter and Gamble expires in May.")).containsExactly("ORGANIZATION:Procter and Gamble");
    }

    @Test
    void anEnglishWordWrittenSmallShouldLeadNoAddress() {
        // "under", "over", "points" are street words of some locale's list; written small, they only lead a street's name
        assertThat(found("Which clauses should a Data Processing Agreement under GDPR Article 28 contain?")).isEmpty();
        assertThat(found("File a copy in SharePoint under Contracts 2026.")).isEmpty();
        assertThat(found("The club signed tennis player Amy Jones over visa disputes.")).containsExactly("PERSON:Amy Jones");
        // as "via" leads one in Italian
        assertThat(found("Il nostro ufficio è in via Roma 12, Milano.")).contains("LOCATION:via Roma 12, Milano");
    }

    @Test
    void anUnknownCapitalisedWordThatNamesADocumentShouldNotBeAPerson() {
        // "Aadhaar number", "Voter ID": a document's name, not a second person beside the one it belongs to
        assertThat(found("The form lists Priya Nair's Aadhaar number and her Voter ID for the bank.")).containsExactly("PERSON:Priya Nair");
        // a name the lists know stays a name before the same words
        assertThat(found("Please send Margaret the card number by e-mail.")).contains("PERSON:Margaret");
    }

    @Test
    void germanDutchAndFrenchProseShouldKeepItsNounsButNotItsPeopleNames() {
        // German capitalises every noun and its polite "you"; some are surnames in one locale's list ("Damen", "Dank")
        assertThat(found("Könnten Sie uns die Angebote bis Donnerstag senden? Mit freundlichen Grüßen und vielen Dank.")).isEmpty();
        assertThat(found("Sehr geehrte Damen und Herren, die Lieferung für den Monat Mai ist unterwegs.")).isEmpty();
        assertThat(found("Wij sturen de Levering van Bureaustoelen volgende week, met excuses voor de vertraging.")).isEmpty();
        assertThat(found("Nous avons bien reçu votre commande et nous vous remercions pour votre confiance.")).isEmpty();
        assertThat(found("Anbei das Protokoll der Sitzung vom Dienstag, die Abteilung Einkauf bittet um Rückmeldung.")).isEmpty();
        assertThat(found("Hej! Fakturan för Mars skickas till Ekonomiavdelningen på Fredag.")).isEmpty();
        // people named with a title or a first name are still found
        assertThat(found("Bitte leiten Sie die Mahnung an Herrn Wagner weiter, nicht an Frau Lindqvist.")).contains("PERSON:Frau Lindqvist");
        assertThat(found("Die Rechnung hat Anna Hoffmann gestern an die Buchhaltung geschickt.")).containsExactly("PERSON:Anna Hoffmann");
        assertThat(found("Le dossier de Madame Fontaine est complet, merci de le transmettre.")).containsExactly("PERSON:Madame Fontaine");
        // a letter's greeting opens the run: the name is what follows it, and a greeted customer is nobody's name
        assertThat(found("Bonsoir Madame Girard, votre dossier est complet et sera traité demain.")).containsExactly("PERSON:Madame Girard");
        assertThat(found("Estimada Sra. Ortega, su solicitud ha sido aprobada y recibirá la tarjeta pronto.")).containsExactly("PERSON:Sra. Ortega");
        assertThat(found("Gentile Cliente, la informiamo che il servizio sarà sospeso per manutenzione.")).isEmpty();
        // and a name on a line of its own, as in an address block, whatever the language around it
        assertThat(found("Maika Jansen\nKeizersgracht 12\nAmsterdam\nBitte senden Sie die Unterlagen an diese Adresse."))
                .contains("PERSON:Maika Jansen");
    }

    @Test
    void aLetterSignedAfterAParagraphShouldBeSignedByAPersonAndFirmsMayEndInADottedLegalForm() {
        // the line under a signature name is the signer's firm; a name under a closing formula, a paragraph after the
        // greeting's name, is the signer
        assertThat(found("Madame Rousseau,\n\nJe me permets de vous adresser ma candidature pour le poste.\n\nCordialement,\nJulie Marchand"))
                .contains("PERSON:Julie Marchand").noneMatch(found -> found.startsWith("ORGANIZATION"));
        assertThat(found("Regards,\nJane Porter\nHead of Sales\nBrightwater Logistics")).contains("PERSON:Jane Porter", "ORGANIZATION:Brightwater Logistics");
        assertThat(found("Il contratto con Impianti Rinaldi S.r.l. scade a giugno.")).contains("ORGANIZATION:Impianti Rinaldi S.r.l.");
        assertThat(found("Geachte heer Bakker, wij hebben uw brief ontvangen.")).containsExactly("PERSON:Bakker");
    }

    @Test
    void courtFilingsAndRecordsShouldNameTheirPartiesFirmsAndPlaces() {
        // two parties joined by "and", each with a first name, are two people (a firm is "Johnson and Johnson")
        assertThat(found("Plaintiffs ROBERT FINCH and LINDA FINCH, by and through their attorneys, allege as follows."))
                .contains("PERSON:ROBERT FINCH", "PERSON:LINDA FINCH");
        // a legal form after a comma ends the firm's name, in capitals too
        assertThat(found("The lease was signed with Bayview Property Management, LLC in March.")).contains("ORGANIZATION:Bayview Property Management, LLC");
        // a firm whose name holds a street word ("Valley") is a firm, not an address
        assertThat(found("Employer: Miami Valley Packaging Co.")).containsExactly("ORGANIZATION:Miami Valley Packaging Co.");
        // "the Court", "the Board": an institution; "Follow-up": common words joined by a hyphen; a code is no name
        assertThat(found("This matter comes before the Court on the motion filed last week.")).isEmpty();
        assertThat(found("Follow-up: see the cardiologist in 7 days.")).isEmpty();
        assertThat(found("Case No. 24CV081237 was assigned yesterday.")).isEmpty();
        // a known place after a comma says more than "at" before: a town, not a firm
        assertThat(found("Executed at Oakland, California.")).contains("LOCATION:Oakland");
    }

    @Test
    void peopleTypedInLowerCaseInAChatShouldBeFoundAfterACue() {
        assertThat(found("Agent: Can I have the name on the order?\nCustomer: the name is kevin morales")).contains("PERSON:kevin morales");
        assertThat(found("Visitor: my wife susan placed an order with my card.")).contains("PERSON:susan");
        assertThat(found("Caller (self-identified as mr. okoye) asked for a refund.")).contains("PERSON:okoye");
        assertThat(found("Please cancel my subscription. Thanks, bao")).contains("PERSON:bao");
        // without a cue a lower-case word stays a word, and a common word after a cue is no name ("tell me", "my wife will")
        assertThat(found("Please tell me when the parcel ships. My wife will be home.")).isEmpty();
    }

    @Test
    void realTownsFromTheGeocodersListShouldBePlacesWhereAPlaceIsCued() {
        // the locale files' towns are mostly invented; the geocoder's are real, and found with a place's cue
        assertThat(found("I work in the Denver office on Tuesdays.")).containsExactly("LOCATION:Denver");
        assertThat(found("The warehouse in Tilburg closes at the end of June.")).containsExactly("LOCATION:Tilburg");
        assertThat(found("Der Kunde Herbert Schwarz aus Regensburg meldet einen Schaden.")).contains("LOCATION:Regensburg");
        // a town that is also a name stays a person where a person is cued, or where a person is as likely ("to", "from")
        assertThat(found("Austin said the report is ready.")).containsExactly("PERSON:Austin");
        assertThat(found("Please forward the invoice to Madison before noon.")).containsExactly("PERSON:Madison");
    }

    @Test
    void shouldNotTakeCapitalisedCommonWordsTitlesOrNationalitiesForNames() {
        assertThat(found("The Quarterly Report is due. Please Review The Numbers Before Lunch.")).isEmpty();
        assertThat(found("Ten Things You Should Know About Pensions")).isEmpty();
        assertThat(found("The Brazilian team met the CEO and two CFOs.")).isEmpty();
        assertThat(found("I think we'll finish on Monday in March.")).isEmpty();
        // British spellings of common words (the word list is American)
        assertThat(found("Summarise the colour scheme and analyse the centre's organisation.")).isEmpty();
    }

    @Test
    void shouldFindPlacesAndAddresses() {
        assertThat(found("She relocated to Valparaíso last year.")).containsExactly("LOCATION:Valparaíso");
        assertThat(found("Our team in New Zealand is growing.")).containsExactly("LOCATION:New Zealand");
        assertThat(found("Ship it to 742 Evergreen Terrace, Springfield, OR 97403 please."))
                .containsExactly("LOCATION:742 Evergreen Terrace, Springfield, OR 97403");
        assertThat(found("Die Lieferung geht an Lindenstraße 12 in Kassel")).contains("LOCATION:Lindenstraße 12");
        assertThat(found("Send the letter to P.O. Box 4471 today.")).containsExactly("LOCATION:P.O. Box 4471");
        List<String> block = found("Kind regards,\nOlumide Adeyemi\nBrightwater Analytics\n15 Harbour Road\nSuite 4\nCork\nIreland");
        assertThat(block).contains("PERSON:Olumide Adeyemi", "ORGANIZATION:Brightwater Analytics");
        assertThat(block).anyMatch(f -> f.startsWith("LOCATION:15 Harbour Road") && f.endsWith("Ireland"));
    }

    @Test
    void shouldFindOrganisationsBySuffixCueAndPosition() {
        assertThat(found("We signed with Quillfeather Holdings LLC in May.")).containsExactly("ORGANIZATION:Quillfeather Holdings LLC");
        assertThat(found("The deal between Marsh, Pemberton and Wu closed.")).containsExactly("ORGANIZATION:Marsh, Pemberton and Wu");
        assertThat(found("Ines Carvalho of Tidewell presented the plan.")).containsExactly("PERSON:Ines Carvalho", "ORGANIZATION:Tidewell");
    }

    @Test
    void bodiesRoomsAndThingsNamedByWordsOfTheLanguageShouldNotBeNamesOrFirms() {
        // a body of an organisation named by what it does is neither a firm nor personal data
        assertThat(found("Send the draft budget to the Investment Review Committee by noon.")).isEmpty();
        assertThat(found("The Procurement Council meets after lunch.")).isEmpty();
        // a firm named by words of the language keeps its own capital "The"; a firm's name with a name in it stays a firm
        assertThat(found("Last year The Harbour Group bought two ferries.")).containsExactly("ORGANIZATION:The Harbour Group");
        assertThat(found("Invoice Thornbury Group for the scaffolding.")).containsExactly("ORGANIZATION:Thornbury Group");
        // a word of a firm's name alone is a department: "in Finance" is no place
        assertThat(found("She has worked in Procurement and later in Finance.")).isEmpty();
        // a run that ends in a word of the language no list holds as a family name names a thing
        assertThat(found("Book seats for the Byzantine Empire lecture.")).isEmpty();
        assertThat(found("The rollout of Quorvia Notes failed on two laptops.")).isEmpty();
        // after "the", a room or a building
        assertThat(found("The workshop moves to the Larkspur Room on Tuesday.")).isEmpty();
        // a first name that is no word, or a particle, keeps a person whose family name is also a word
        assertThat(found("Please call Rebecca Hides about the lease.")).containsExactly("PERSON:Rebecca Hides");
        // a street word that names a club as often makes no address without a number or a name
        assertThat(found("Write to the Cycling Club members about Sunday.")).isEmpty();
        assertThat(found("Deliver it to 14 Station Road tomorrow.")).containsExactly("LOCATION:14 Station Road");
        // a version between a product's name and what software has: "the Java 21 upgrade"
        assertThat(found("Which flags changed in the Java 21 upgrade?")).isEmpty();
        assertThat(found("Estimate the effort of the Python 3.12 migration.")).isEmpty();
        // a brand after a cue that places and people follow as often (names that simple-icons dropped included: its 6.16.0
        // release is read too); an employer after "at" stays a firm
        assertThat(found("Attach the signed quote in Salesforce before the call.")).isEmpty();
        assertThat(found("Port the parser from Java to Kotlin.")).isEmpty();
        assertThat(found("She spent two years at Teradata before joining us.")).containsExactly("ORGANIZATION:Teradata");
        // products compared, a brand's product line, a body whose name joins words with "and"
        assertThat(found("Should we keep Jira and Basecampy for the agency work?")).isEmpty();
        assertThat(found("Give the Oracle Cloud sizing to the Risk and Controls Committee.")).isEmpty();
        // a brand before a firm's word stays a firm
        assertThat(found("Tableau Software was bought by a rival.")).containsExactly("ORGANIZATION:Tableau Software");
        // a word no list knows before a release's number is a product; before a house number it is still a street
        assertThat(found("Roll the tills back to Tillwise 4.2 tonight.")).isEmpty();
        assertThat(found("Post it to Jesionowa 127 by Monday.")).anyMatch(f -> f.startsWith("LOCATION:Jesionowa"));
        // a place's name that is a word of the language, among other such words, names no place
        assertThat(found("Export the refunds from the Capital Payments Portal.")).isEmpty();
        // a name before a word for a town is a place
        assertThat(found("The pallets were unloaded at the Granite City terminal.")).containsExactly("LOCATION:Granite City");
        // a short first name ends its sentence; a title or an initial keeps its full stop
        assertThat(found("Hello, this is Ana. Could you move my booking?")).containsExactly("PERSON:Ana");
        assertThat(found("Please ask Dr. Okafor about it.")).containsExactly("PERSON:Okafor");
        // a verb the word list lacks, opening an order
        assertThat(found("Dockerize the billing service and keep the image small.")).isEmpty();
        assertThat(found("Thanks. Upsert these rows into the staging table.")).isEmpty();
    }

    @Test
    void aFamilyNameThatIsAWordOfTheLanguageShouldBeAPersonAfterATitle() {
        assertThat(found("Yesterday Mr. Wells called about the lease.")).containsExactly("PERSON:Wells");
        assertThat(found("Dr. Banks will see you at noon.")).containsExactly("PERSON:Banks");
        assertThat(found("Mrs. Rivers signed the form.")).containsExactly("PERSON:Rivers");
        // a middle initial between two names makes a person whatever cue comes before
        assertThat(found("I was the assistant to Alvir D. Pušaver last year.")).containsExactly("PERSON:Alvir D. Pušaver");
        assertThat(found("Meet at Terminal B Gate 12.")).noneMatch(f -> f.startsWith("PERSON"));
        // the initial A is no article there: the whole name was left in the clear
        assertThat(found("Name:    Martim A Pereira")).containsExactly("PERSON:Martim A Pereira");
        assertThat(found("Waiting For A Miracle")).isEmpty();
    }

    @Test
    void firstNamesInAListShouldBePeopleEachAndPartnersFamilyNamesAFirm() {
        assertThat(found("Invite Anna, Ben, Carla and Dev to the call."))
                .containsExactlyInAnyOrder("PERSON:Anna", "PERSON:Ben", "PERSON:Carla", "PERSON:Dev");
        assertThat(found("Allen & Overy advised the buyer.")).containsExactly("ORGANIZATION:Allen & Overy");
        // family names too, when a plural verb follows or a word for people comes first
        assertThat(found("Okonkwo and Lindqvist were the auditors.")).containsExactlyInAnyOrder("PERSON:Okonkwo", "PERSON:Lindqvist");
        assertThat(found("Thanks to our partners: Haddad, Brennan and Szabo.")).containsExactlyInAnyOrder("PERSON:Haddad", "PERSON:Brennan", "PERSON:Szabo");
        assertThat(found("The auditors, Okonkwo and Lindqvist, were on site for two days."))
                .containsExactlyInAnyOrder("PERSON:Okonkwo", "PERSON:Lindqvist");
        // products compared are none
        assertThat(found("HubSpot and Pipedrive were compared last year.")).isEmpty();
    }

    @Test
    void aFirstNameThatIsAShortWordShouldBeAPersonBesideAnotherName() {
        // "Tom" and "Will" are words of three and four letters; beside another first name they are names, and the first
        // name that opens a sentence before them ("Maria", also a word) stays one
        assertThat(found("Thanks to Maria and Tom for the quick review.")).containsExactlyInAnyOrder("PERSON:Maria", "PERSON:Tom");
        assertThat(found("Maria and Tom reviewed the draft.")).containsExactlyInAnyOrder("PERSON:Maria", "PERSON:Tom");
        assertThat(found("Please ask Maria and Tom.")).containsExactlyInAnyOrder("PERSON:Maria", "PERSON:Tom");
        assertThat(found("Sofia Brandt and Tom will join the call.")).containsExactlyInAnyOrder("PERSON:Sofia Brandt", "PERSON:Tom");
        assertThat(found("Maria and Will Smith met on Friday.")).containsExactlyInAnyOrder("PERSON:Maria", "PERSON:Will Smith");
        // a titled name and a first name are two people, not one "Brown and Tom" nor a firm "Patel and Grace"
        assertThat(found("Dear Mr Brown and Tom,")).containsExactlyInAnyOrder("PERSON:Brown", "PERSON:Tom");
        assertThat(found("Mrs Patel and Grace will attend.")).containsExactlyInAnyOrder("PERSON:Patel", "PERSON:Grace");
        // months are no people
        assertThat(found("May and June were busy months.")).isEmpty();
    }

    @Test
    void aHeadingOrAListLabelOfCommonWordsShouldNotBeAFirm() {
        assertThat(found("### 3. Perform Comprehensive Research\nCollect the data.\n4. Affected Systems (if applicable)\n"
                + "- **Internal Services:** how will this work?")).isEmpty();
        // in a sentence, or with a firm's legal suffix, still a firm
        assertThat(found("Global Research Systems won the bid.")).containsExactly("ORGANIZATION:Global Research Systems");
        assertThat(found("- Acme Logistics Inc: our carrier")).containsExactly("ORGANIZATION:Acme Logistics Inc");
    }

    @Test
    void aFullNameNoListKnowsShouldBeAPersonAmongPeopleOfTheLists() {
        assertThat(found("Present were Adaeze Nwosu, Lena Haas and Rui Barros."))
                .containsExactlyInAnyOrder("PERSON:Adaeze Nwosu", "PERSON:Lena Haas", "PERSON:Rui Barros");
        // places of the lists stay places
        assertThat(found("Offices in Porto Alegre, Belo Horizonte and Rio Branco."))
                .containsExactlyInAnyOrder("LOCATION:Porto Alegre", "LOCATION:Belo Horizonte", "LOCATION:Rio Branco");
    }

    @Test
    void speakersLabelsInATranscriptShouldBePeopleAlsoWhenTheNameIsAWord() {
        assertThat(found("Summarise the thread:\nMark: shipping is late again.\nLena: I'll chase the carrier."))
                .containsExactlyInAnyOrder("PERSON:Mark", "PERSON:Lena");
        // alone, a word that is a first name labels a document's part
        assertThat(found("Page: Ten easy recipes for autumn")).isEmpty();
    }

    @Test
    void aWordInACodeSpanOfMarkdownShouldNotBeANameButTheProseAroundItKeepsItsNames() {
        // a fence on one line holds data, whose names stay
        assertThat(found("Data: ```Customer Maria Lopez called.```")).anyMatch(f -> f.contains("Maria Lopez"));
        assertThat(found("- `Link`: \"Forgot Password?\"\n- `Spinner`: Animated loading indicator.")).isEmpty();
        assertThat(found("Use the `Edit` tool, then ask Sam Okafor to review the file.")).containsExactly("PERSON:Sam Okafor");
    }

    @Test
    void typesAndCallsOnALineOfCodeShouldNotBeNamesButStringsAndCommentsKeepTheirs() {
        String java = "Why does this fail?\n"
                + "    public static Ledger merge(final Ledger first, final Tally tally) {\n"
                + "        String owner = \"Priya Raman\"; // set by Tomasz Nowak\n"
                + "        return Ledger.of(first, tally);\n"
                + "    }";
        assertThat(found(java)).containsExactlyInAnyOrder("PERSON:Priya Raman", "PERSON:Tomasz Nowak");
        String python = "from reporting import Summary, Totals\nout = subprocess.Popen(cmd, stderr=subprocess.STDOUT)\n# Reviewed by Ines Carvalho";
        assertThat(found(python)).containsExactly("PERSON:Ines Carvalho");
        // identifiers joined of words ("EditScript": "Edit" is a first name too) or with several inner capitals are no names
        assertThat(found("See the EditScript class and HasBuildSetting for details.")).isEmpty();
        // a task list that ends its lines with semicolons, and a link with a query, are prose
        assertThat(found("Today:\n- call Maria Lopez;\n- Ken Fukuda = https://example.com/?id=7 (his page)")).containsExactly("PERSON:Maria Lopez",
                "PERSON:Ken Fukuda", "URL:https://example.com/?id=7");
    }

    @Test
    void shouldLeaveOtherLanguagesAndPlaceholdersAlone() {
        // German capitalises every noun: without a list or cue behind it, a capital proves nothing there
        assertThat(found("Bitte die Rechnung für den Auftrag prüfen")).isEmpty();
        // an earlier redaction's placeholders are not names
        assertThat(found("Ask <PERSON_1> to call <ORGANIZATION_2> about <LOCATION_3>.")).isEmpty();
        // the label of an identifier ("Steuer" is a family name too) is no person; a name before one still is
        assertThat(found("Please send your Steuer-ID and the Kunden-Nr by Friday.")).isEmpty();
        assertThat(found("Contact Maria Gonzalez Steuer-ID today.")).containsExactly("PERSON:Maria Gonzalez");
        // a first name is no street's name joined to its ending ("Giu" + "lia"); "Parijsstraat" still is one
        assertThat(found("Write to Giulia Bianchi about the complaint.")).containsExactly("PERSON:Giulia Bianchi");
        assertThat(found("Office: Parijsstraat 4, Antwerpen")).containsExactly("LOCATION:Parijsstraat 4, Antwerpen");
    }

    @Test
    void shouldRedactAPersonConsistentlyAcrossMessages() {
        var r = new Redactor(detector).redact(List.of(
                new ChatMessage(Role.SYSTEM, "You assist Margaret Okonkwo.", null, null),
                new ChatMessage(Role.USER, "Draft a reply from Margaret Okonkwo to Tidewell Partners.", null, null)), "US");
        assertThat(r.messages().get(0).getContent()).isEqualTo("You assist <PERSON_1>.");
        assertThat(r.messages().get(1).getContent()).isEqualTo("Draft a reply from <PERSON_1> to <ORGANIZATION_1>.");
        assertThat(r.counts()).containsEntry(PiiType.PERSON, 1).containsEntry(PiiType.ORGANIZATION, 1);
    }

    @Test
    void shouldGiveEveryFindingAConfidence() {
        for (PiiFinding f : detector.detect("Mr. Aziz Haddad lives at 12 Rue Oberkampf, Paris.", "FR")) {
            assertThat(f.confidence()).isBetween(0.3, 1.0);
        }
    }
}
