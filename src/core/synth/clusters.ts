// Where synthetic events cluster: real places over Ukraine and its neighbours, weighted towards the front and the big cities.
export interface Cluster {
  name: string;
  country: string;
  lon: number;
  lat: number;
  /** Relative share of events. */
  weight: number;
  /** Gaussian scatter in degrees of latitude (longitude gets 1.5× that). */
  spread: number;
}

const c = (name: string, country: string, lon: number, lat: number, weight: number, spread: number): Cluster => ({
  name,
  country,
  lon,
  lat,
  weight,
  spread,
});

/** Coordinates as in data/places.json. */
export const CLUSTERS: readonly Cluster[] = [
  // The front line, east and south: most events, widest scatter.
  c('Pokrovsk', 'Ukraine', 37.181, 48.282, 9, 0.25),
  c('Kramatorsk', 'Ukraine', 37.556, 48.723, 7, 0.2),
  c('Kurakhove', 'Ukraine', 37.283, 47.983, 6, 0.2),
  c('Donetsk', 'Ukraine', 37.802, 48.016, 5, 0.2),
  c('Kharkiv', 'Ukraine', 36.231, 49.993, 9, 0.15),
  c('Zaporizhzhia', 'Ukraine', 35.139, 47.838, 7, 0.2),
  c('Kherson', 'Ukraine', 32.617, 46.636, 7, 0.15),
  c('Sumy', 'Ukraine', 34.798, 50.908, 5, 0.2),
  c('Luhansk', 'Ukraine', 39.307, 48.574, 2, 0.25),
  c('Mariupol', 'Ukraine', 37.543, 47.097, 1, 0.15),
  // Cities struck from afar.
  c('Kyiv', 'Ukraine', 30.524, 50.45, 6, 0.08),
  c('Odesa', 'Ukraine', 30.723, 46.482, 5, 0.08),
  c('Dnipro', 'Ukraine', 35.046, 48.465, 4, 0.08),
  c('Mykolaiv', 'Ukraine', 31.995, 46.975, 3, 0.08),
  c('Kryvyi Rih', 'Ukraine', 33.392, 47.91, 3, 0.08),
  c('Poltava', 'Ukraine', 34.551, 49.589, 2, 0.08),
  c('Chernihiv', 'Ukraine', 31.289, 51.494, 2, 0.1),
  c('Lviv', 'Ukraine', 24.03, 49.842, 1, 0.08),
  c('Vinnytsia', 'Ukraine', 28.468, 49.233, 1, 0.08),
  c('Zhytomyr', 'Ukraine', 28.659, 50.254, 1, 0.08),
  c('Cherkasy', 'Ukraine', 32.059, 49.444, 1, 0.08),
  c('Khmelnytskyi', 'Ukraine', 26.987, 49.422, 0.5, 0.08),
  c('Sevastopol', 'Ukraine', 33.522, 44.617, 1, 0.08),
  // Across the border: Russian regions struck by drones.
  c('Belgorod', 'Russia', 36.587, 50.596, 3, 0.15),
  c('Kursk', 'Russia', 36.193, 51.73, 3, 0.2),
  c('Sudzha', 'Russia', 35.272, 51.195, 2, 0.1),
  c('Bryansk', 'Russia', 34.364, 53.243, 1, 0.15),
  c('Voronezh', 'Russia', 39.2, 51.672, 0.5, 0.1),
  c('Rostov-on-Don', 'Russia', 39.72, 47.222, 0.5, 0.1),
  c('Taganrog', 'Russia', 38.897, 47.236, 0.5, 0.08),
  c('Krasnodar', 'Russia', 38.975, 45.035, 0.5, 0.1),
];
