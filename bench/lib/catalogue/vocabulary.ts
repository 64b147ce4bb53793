import { Rng } from './random';

/**
 * Words a music catalogue is made of, most frequent first (the order sets
 * each word's Zipf rank). Little words lead, as in real titles ("I Will
 * Always Love You"), then real title words, then a long tail of made-up
 * but pronounceable words, as names, places and slang are in a real
 * catalogue. With 100k words and s = 1.05, "love" (rank 13) is in about
 * 1.5 % of titles, "the" in 6 %. A few words carry accents, so unaccent
 * has work to do.
 */

/** Nobody searches for these alone (searchQueries leaves them out of one-word queries). */
export const LITTLE_WORDS = words(`the you my me i a of in to it on your we all be no for and is`);

const TITLE_WORDS = `
love night heart baby time away life dream light fire rain home girl world blue night day
summer dance back feel soul gold star wild free sky moon sun forever sweet song city river
road ocean rose blood kiss tears memory shadow angel heaven paradise lonely broken golden
midnight morning tonight yesterday tomorrow again never always inside outside without
together alone young old new last first little big slow fast high low black white red green
silver crystal electric neon velvet paper glass stone iron diamond cherry honey sugar wine
whiskey coffee smoke thunder storm wind snow winter spring autumn fall ice flame ghost
spirit magic mystery secret promise lie truth story letter fever hunger desire danger
freedom glory power wonder echo mirror window door street highway train ship island
mountain valley desert garden forest field lake sea wave tide shore horizon sunrise sunset
twilight daylight starlight moonlight candle lantern satellite rocket planet galaxy cosmic
universe orbit gravity motion emotion devotion illusion vision fantasy reality heartbeat
rhythm melody harmony symphony ballad anthem lullaby serenade blues groove funk soul
jazz boogie swing disco techno dub trance wave drift float fly run walk ride fall rise
burn shine glow fade break wake sleep hold touch call cry smile laugh hide seek chase
remember forget believe pray wish hope wait stay leave return begin end open close
north south east west over under between beyond across through above below nowhere
somewhere everywhere everything nothing someone nobody everybody mama papa sister brother
friend lover stranger king queen prince princess soldier sailor gypsy cowboy rebel hero
outlaw saint sinner devil monster doll tiger wolf lion eagle raven dove butterfly horse
snake fox bird bee cat dog hollywood paris london tokyo berlin rio havana memphis
brooklyn harlem detroit california texas carolina georgia tennessee mexico jamaica
africa india china moscow vegas chicago boston miami dallas seattle portland nashville
café déjà vu señorita corazón mañana niño amor fiesta noche luna sol vida dolce
bella ciao amore mon chéri belle rêve été voilà naïve fiancée résumé
one two three four five six seven ten hundred thousand million zero double
part remix edit version live acoustic instrumental interlude intro outro reprise demo
radio club extended original mix dub session theme suite chapter vol
`;

const FIRST_NAMES = `
james john robert michael william david richard joseph thomas charles daniel matthew
anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald
jason edward jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott
brandon benjamin samuel gregory alexander patrick frank raymond jack dennis jerry tyler
aaron jose adam nathan henry zachary douglas peter kyle noah ethan jeremy walter christian
keith roger terry austin sean gerald carl harold dylan arthur lawrence jordan jesse bryan
billy bruce gabriel joe logan alan juan albert willie elijah wayne randy vincent mason
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty
sandra margaret ashley kimberly emily donna michelle carol amanda melissa deborah
stephanie dorothy rebecca sharon laura cynthia amy kathleen angela shirley brenda emma
anna pamela nicole samantha katherine christine helen debra rachel carolyn janet maria
catherine heather diane olivia julie joyce victoria ruth virginia lauren kelly christina
joan evelyn judith andrea hannah megan cheryl jacqueline martha madison teresa gloria
sara janice ann kathryn abigail sophia frances jean alice judy isabella julia grace amber
denise danielle marilyn beverly charlotte natalie theresa diana brittany doris kayla
zoé chloé léa inès joão andré josé renée noémie björk søren
`;

const LAST_NAMES = `
smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez
gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white
harris sanchez clark ramirez lewis robinson walker young allen king wright scott torres
nguyen hill flores green adams nelson baker hall rivera campbell mitchell carter roberts
gomez phillips evans turner diaz parker cruz edwards collins reyes stewart morris morales
murphy cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos
kim cox ward richardson watson brooks chavez wood james bennett gray mendoza ruiz hughes
price alvarez castillo sanders patel myers long ross foster jimenez powell jenkins perry
russell sullivan bell coleman butler henderson barnes gonzales fisher vasquez simmons
romero jordan patterson alexander hamilton graham reynolds griffin wallace moreno west
cole hayes bryant herrera gibson ellis tran medina aguilar stevens murray ford castro
marshall owens harrison fernandez mcdonald woods washington kennedy wells vargas henry
chen freeman webb tucker guzman burns crawford olson simpson porter hunter gordon mendez
silva shaw snyder mason dixon muñoz hunt hicks holmes palmer wagner black robertson
boyd rose stone salazar fox warren mills meyer rice schmidt garza daniels ferguson nichols
stephens soto weaver ryan gardner payne grant dunn kelley spencer hawkins arnold pierce
müller dubois lefèvre jiménez núñez østergaard
`;

const BAND_NOUNS = `
kings queens wolves tigers saints sinners ghosts angels devils rebels pilots sailors
strangers lovers dreamers drifters ramblers wanderers riders knights giants machines
robots satellites rockets comets stars planets shadows echoes mirrors lights flames
sparks waves tides storms clouds rivers mountains roses lilies violets ravens crows
eagles doves foxes bears lions horses cats dogs monkeys sharks whales
`;

const BAND_ADJECTIVES = `
black white red blue golden silver electric neon velvet crystal broken burning lonely
wild young old midnight summer winter northern southern eastern western cosmic atomic
magnetic stereo analog digital radio silent loud sweet bitter lucky holy
`;

export const GENRES = [
  'Pop',
  'Hip-Hop',
  'Rock',
  'Electronic',
  'R&B',
  'House',
  'Indie',
  'Techno',
  'Jazz',
  'Ambient',
  'Country',
  'Folk',
  'Metal',
  'Soul',
  'Reggae',
  'Latin',
  'Drum & Bass',
  'Classical',
  'Blues',
  'Funk',
  'Trap',
  'Lo-Fi',
  'Punk',
  'Dubstep',
  'Afrobeat',
  'K-Pop',
  'Disco',
  'Trance',
  'Gospel',
  'World',
];

const TAGS = `
chill upbeat dark summer love sad happy night party workout study sleep focus
acoustic piano guitar vocal instrumental remix cover live demo original bootleg
vinyl analog synth bass drums strings orchestral cinematic epic dreamy melancholic
romantic energetic groovy funky soulful smooth mellow heavy raw lofi retro vintage
80s 90s 2000s underground mainstream experimental minimal deep progressive tropical
atmospheric hypnotic psychedelic ethereal nostalgic uplifting emotional aggressive
roadtrip rainy sunday morning latenight beach festival club radio weekend
`;

const SYLLABLES = `ka ri mo na lu se ta vel or an is el ko ra mi zu be do fa gi ho ja li me no pe
qu sa ti vo ye za bra cle dri fro glo kra plu sti tra vin sol mar kel dor lin tas fen rod`;

function words(text: string): string[] {
  return [...new Set(text.split(/\s+/).filter(Boolean))];
}

/** Made-up words for the long tail, pronounceable, distinct from the real ones. */
function madeUpWords(count: number, seed: number, taken: Set<string>): string[] {
  const syllables = words(SYLLABLES);
  const rng = new Rng(seed);
  const out: string[] = [];
  const seen = new Set(taken);
  while (out.length < count) {
    let word = '';
    const parts = 2 + rng.int(3);
    for (let i = 0; i < parts; i++) word += rng.pick(syllables);
    if (!seen.has(word)) {
      seen.add(word);
      out.push(word);
    }
  }
  return out;
}

export interface Vocabulary {
  /** Title words by Zipf rank: little words, real words, then the made-up tail. */
  titleWords: string[];
  firstNames: string[];
  lastNames: string[];
  bandNouns: string[];
  bandAdjectives: string[];
  genres: string[];
  tags: string[];
}

/** The long tail's size: about what a million real titles use beyond the common words. */
const MADE_UP_WORDS = 100_000;

export function vocabulary(seed: number): Vocabulary {
  const real = [...LITTLE_WORDS, ...words(TITLE_WORDS)];
  return {
    titleWords: [...real, ...madeUpWords(MADE_UP_WORDS, seed, new Set(real))],
    firstNames: words(FIRST_NAMES),
    lastNames: words(LAST_NAMES),
    bandNouns: words(BAND_NOUNS),
    bandAdjectives: words(BAND_ADJECTIVES),
    genres: GENRES,
    tags: words(TAGS),
  };
}
