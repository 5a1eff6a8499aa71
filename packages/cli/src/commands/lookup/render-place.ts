/** Readable output of a looked-up place. */
import { paint } from '../../output/style.js';

export interface Place {
  zip: string;
  city: string;
  state: string;
  stateName?: string;
  county?: string;
  latitude: number;
  longitude: number;
}

export function renderPlace(place: Place): string {
  const label = (text: string) => paint('dim', text.padEnd(13));
  const state = place.stateName ? `${place.state} (${place.stateName})` : place.state;
  return [
    `${paint('bold', place.zip)}  ${place.city}, ${place.state}`,
    `  ${label('City')}${place.city}`,
    `  ${label('State')}${state}`,
    `  ${label('County')}${place.county ?? '—'}`,
    `  ${label('Coordinates')}${place.latitude}, ${place.longitude}`,
    '',
  ].join('\n');
}
